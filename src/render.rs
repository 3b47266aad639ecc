//! render (placeholder)
