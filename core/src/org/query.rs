//! Questions asked of an organisation: who is where, when.
