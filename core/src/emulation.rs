//! Emulation and rewards (*thi đua, khen thưởng*): criteria as data, scoring, "good people, good deeds" nominations and commendations.
