"""Qingfeng (清风): warning-education and clean-culture sites on MkDocs."""
