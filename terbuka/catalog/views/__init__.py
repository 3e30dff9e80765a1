"""Views of the DIP and the DIK: the public pages and downloads, the officers' pages, the
bulk import and the open-data feeds."""
