"""Disputes (sengketa informasi) at the Komisi Informasi, UU 14/2008 Pasal 37–38, 48;
Perki 1/2013: the PPID body's record of the case it answers."""
