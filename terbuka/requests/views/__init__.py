"""Views of information requests: the requester's pages, the officers' inbox and actions,
the public request log and the permission-checked downloads."""
