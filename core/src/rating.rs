//! Member quality rating (*đánh giá, xếp loại chất lượng*), quarterly and yearly: a points frame and levels as data, capped by the monthly findings.
