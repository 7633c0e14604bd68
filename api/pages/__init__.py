"""Server-rendered pages for citizens: small, in Indonesian, no script, no outside assets."""
