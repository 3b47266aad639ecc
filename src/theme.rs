//! theme (placeholder)
