//! Household follow-up (*đảng viên theo dõi hộ gia đình*): members assigned to households, monthly reports, coverage and gaps.
