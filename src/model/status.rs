//! The verdict a check gives: shared by the dataset format (conditions on sentences name it) and
//! the checks that compute it, so it lives apart from both.

use super::codes::code_table;

code_table! {
    /// A check's verdict on the figures it names, mildest first. A consistency finding is one of
    /// holds, doubtful or contradicts; `Implausible` is what a reference range says of a figure
    /// outside it (a figure's status is the worst of all its checks').
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Status {
        Holds = "holds",
        Doubtful = "doubtful",
        Implausible = "implausible",
        Contradicts = "contradicts",
    }
}
