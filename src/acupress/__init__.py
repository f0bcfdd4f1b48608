"""acupress: an acupressure self-care coach for back pain.

A self-care guide for general wellness, not a diagnostic or treatment device.
"""

__version__ = "0.1.0"
