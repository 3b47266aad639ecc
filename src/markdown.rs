//! markdown (placeholder)
