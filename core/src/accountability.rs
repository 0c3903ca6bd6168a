//! Accountability of unit heads (*giải trình*): monthly explanations on finances, assets, land, construction, policies, rewards and discipline.
