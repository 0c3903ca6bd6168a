//! Petitions and feedback (*phản ánh, kiến nghị*): intake, forwarding, deadlines, resolution, reply, escalation of overdue cases, pressing issues per unit and quarter.
