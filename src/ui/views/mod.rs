//! The read-mostly tabs (公开表, 情况说明, 图表, 检查, 名词解释), the explanation panel and
//! the print document. Everything shown is computed by the core.

pub mod charts;
pub mod checks;
pub mod explain;
pub mod narrative;
pub mod print;
pub mod services;
pub mod tables;
