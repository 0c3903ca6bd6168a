//! Dialogues and household visits (*đối thoại, thăm hộ*): monthly plans and records, linked to petitions.
