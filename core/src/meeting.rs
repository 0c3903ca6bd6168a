//! Cell meetings (*sinh hoạt chi bộ*): records, the quality criteria of guide 12-HD/BTCTW, rating schemes as data, monthly ratings per cell.
