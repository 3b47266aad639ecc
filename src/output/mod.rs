//! Output stage: writing the rendered site safely, plus the files made from the whole site.

pub mod write;
