"""An answered request is reopened when the Atasan PPID grants an objection to it (UU
14/2008 Pasal 36), until the PPID answers again under the instruction."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0007_request_file_without_request"),
    ]

    operations = [
        migrations.AddField(
            model_name="inforequest",
            name="reopened_until",
            field=models.DateField(
                blank=True, null=True, verbose_name="dibuka kembali atas perintah Atasan PPID sampai"
            ),
        ),
        migrations.AddField(
            model_name="inforequest",
            name="reopened_instruction",
            field=models.TextField(blank=True, verbose_name="perintah Atasan PPID"),
        ),
        migrations.AlterField(
            model_name='event',
            name='kind',
            field=models.CharField(choices=[('submitted', 'Permohonan diterima'), ('registered', 'Permohonan didaftarkan petugas'), ('identity_incomplete', 'Identitas diminta dilengkapi'), ('identity_completed', 'Identitas dilengkapi'), ('forwarded', 'Disposisi ke PPID Pelaksana'), ('drafted', 'Draf jawaban disiapkan'), ('extended', 'Jangka waktu diperpanjang'), ('notice_sent', 'Pemberitahuan tertulis dikirim'), ('notice_corrected', 'Ralat pemberitahuan tertulis'), ('referred', 'Dirujuk ke badan publik lain'), ('withdrawn', 'Dicabut pemohon'), ('message_to_requester', 'Pesan untuk pemohon'), ('message_from_requester', 'Pesan dari pemohon'), ('internal_note', 'Catatan internal'), ('assigned', 'Penanggung jawab ditetapkan'), ('deadline_recomputed', 'Batas waktu dihitung ulang'), ('reminder_sent', 'Pengingat dikirim'), ('due_date_missed', 'Batas waktu terlewati'), ('reopened', 'Dibuka kembali atas perintah Atasan PPID'), ('answered_under_instruction', 'Dijawab kembali sesuai perintah Atasan PPID')], max_length=40),
        ),
    ]
