"""`qingfeng scans`: how many people scanned each board, counted from the web server's access logs."""
