//! load (placeholder)
