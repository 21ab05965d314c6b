"""`qingfeng import`: an office's Word write-ups (.docx) as drafts in the content format."""
