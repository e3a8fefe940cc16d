"""Files people upload and download: what a file really is, whether it may be kept, how it is sent and written."""
