"""Prongsai: integrity and transparency (ITA) platform for Thai public agencies."""
