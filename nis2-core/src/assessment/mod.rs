//! Gap assessment and scoring (in progress).
