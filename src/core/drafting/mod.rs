//! Tools for drafting scenarios: two scenarios side by side ([`compare`]) and bulk
//! adjustments of a filtered set of lines ([`adjust`]).

pub mod adjust;
pub mod compare;
pub mod levers;
