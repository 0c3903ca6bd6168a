//! Term targets (*chỉ tiêu nhiệm kỳ*): targets with a direction, a baseline and a target; attainment and status.
