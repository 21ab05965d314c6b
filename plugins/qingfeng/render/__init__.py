"""Engine-neutral output: QR codes, PDFs and a content-hash cache."""
