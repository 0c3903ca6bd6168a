//! Made-up but plausible Vietnamese names: people (Kinh and Khmer family names, as in the
//! article's district, 16% Khmer), communes and hamlets, agencies and enterprises.
//!
//! No name here stands for a real person. Place names are combinations of common Sino-Vietnamese
//! syllables; some may coincide with real places, which is why every organisation built from them
//! is labelled "(giả lập)" (synthetic).

use super::rng::Rng;

/// Common Kinh family names, with rough weights (per thousand).
const KINH_FAMILIES: &[(&str, u64)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Huỳnh", 55),
    ("Hoàng", 20),
    ("Phan", 45),
    ("Vũ", 20),
    ("Võ", 45),
    ("Đặng", 25),
    ("Bùi", 20),
    ("Đỗ", 20),
    ("Hồ", 20),
    ("Ngô", 15),
    ("Dương", 15),
    ("Lý", 15),
    ("Trương", 10),
    ("Đinh", 10),
];

/// Family names common among Khmer families of the Mekong delta.
const KHMER_FAMILIES: &[&str] = &["Thạch", "Danh", "Sơn", "Kim", "Lâm", "Châu", "Lý"];

const MALE_MIDDLE: &[&str] = &["Văn", "Hữu", "Minh", "Thanh", "Quốc", "Đức", "Hoàng", "Công"];
const FEMALE_MIDDLE: &[&str] = &["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu"];

const MALE_GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khang", "Khoa", "Lâm", "Long", "Minh", "Nam", "Nghĩa",
    "Phong", "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Tiến", "Toàn", "Trung", "Tuấn", "Vinh", "Hiếu", "Lợi",
    "Phước",
];
const FEMALE_GIVEN: &[&str] = &[
    "Anh",
    "Bích",
    "Chi",
    "Diễm",
    "Dung",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
    "Xuân",
    "Trinh",
    "Kiều",
    "Nga",
];

/// Given names (often two syllables) as Khmer families write them in Vietnamese.
const KHMER_GIVEN: &[&str] = &[
    "Sô Phol",
    "Sóc",
    "Ri",
    "Sa Rết",
    "Chanh",
    "Pho",
    "Sa Ra",
    "Thol",
    "Kim Ly",
    "Sà Phi",
    "Sương",
    "Rách",
    "Mol",
    "Chăn Đa",
    "Som",
    "Nô",
    "Ngọc Tha",
    "Sa Vy",
];

/// First syllables of made-up place names.
const PLACE_FIRST: &[&str] = &[
    "Thạnh", "Tân", "Long", "Vĩnh", "Hòa", "Ngọc", "Bình", "Phước", "Mỹ", "An", "Thới", "Định", "Đông", "Tây", "Hưng",
    "Phú",
];

/// Second syllables of made-up place names.
const PLACE_SECOND: &[&str] = &[
    "An", "Hưng", "Lợi", "Thành", "Phú", "Hòa", "Đông", "Tây", "Thuận", "Lộc", "Bình", "Hiệp", "Thạnh", "Quới",
    "Phước", "Trung",
];

/// Agencies of a district with a party cell directly under the district committee.
pub(crate) const AGENCIES: &[&str] = &[
    "Văn phòng Huyện ủy",
    "Ban Tổ chức Huyện ủy",
    "Ủy ban Kiểm tra Huyện ủy",
    "Ban Tuyên giáo Huyện ủy",
    "Ban Dân vận Huyện ủy",
    "Văn phòng HĐND và UBND huyện",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Kinh tế và Hạ tầng",
    "Thanh tra huyện",
    "Tòa án nhân dân huyện",
    "Viện Kiểm sát nhân dân huyện",
    "Chi cục Thi hành án dân sự",
    "Chi cục Thuế",
    "Kho bạc Nhà nước huyện",
    "Ủy ban MTTQ Việt Nam huyện",
    "Hội Nông dân huyện",
];

/// Public-service units.
pub(crate) const PUBLIC_SERVICES: &[&str] = &[
    "Trường THPT",
    "Trường THCS",
    "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên",
    "Trung tâm Văn hóa - Thể thao",
    "Ban Quản lý dự án đầu tư xây dựng",
    "Bệnh viện đa khoa",
    "Trung tâm Dịch vụ nông nghiệp",
    "Đài Truyền thanh",
];

/// Enterprises and cooperatives: `(name, org_type)`.
pub(crate) const ENTERPRISES: &[(&str, &str)] = &[
    ("Chi nhánh Điện lực", "state_enterprise"),
    ("Bưu điện huyện", "state_enterprise"),
    ("Công ty TNHH Xay xát lúa gạo", "non_state_enterprise"),
    ("Công ty cổ phần Vật tư nông nghiệp", "non_state_enterprise"),
    ("Hợp tác xã nông nghiệp", "cooperative"),
    ("Hợp tác xã dịch vụ thủy lợi", "cooperative"),
];

/// A made-up two-syllable place name (`Thạnh An`).
pub(crate) fn place(rng: &mut Rng) -> String {
    let first = rng.pick(PLACE_FIRST).copied().unwrap_or("Tân");
    let second = rng.pick(PLACE_SECOND).copied().unwrap_or("An");
    if first == second { format!("{first} Thạnh") } else { format!("{first} {second}") }
}

/// `count` distinct made-up place names.
pub(crate) fn places(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut pairs: Vec<(&str, &str)> =
        PLACE_FIRST.iter().flat_map(|a| PLACE_SECOND.iter().filter(move |b| *b != a).map(move |b| (*a, *b))).collect();
    rng.shuffle(&mut pairs);
    let mut names: Vec<String> = pairs.into_iter().take(count).map(|(a, b)| format!("{a} {b}")).collect();
    while names.len() < count {
        names.push(format!("{} {}", place(rng), names.len()));
    }
    names
}

/// Three names joined by spaces (the last one may be empty), without the cost of `format!`.
fn join(family: &str, middle: &str, given: &str) -> String {
    let mut name = String::with_capacity(family.len() + middle.len() + given.len() + 2);
    name.push_str(family);
    name.push(' ');
    name.push_str(middle);
    if !given.is_empty() {
        name.push(' ');
        name.push_str(given);
    }
    name
}

/// A made-up full name: family, middle and given names, Khmer with probability 0.16.
///
/// ```
/// let mut rng = soisua::synthetic::rng::Rng::new(9);
/// let name = soisua::synthetic::names::person(&mut rng);
/// assert!(name.split(' ').count() >= 3);
/// ```
pub fn person(rng: &mut Rng) -> String {
    let female = rng.chance(0.4);
    if rng.chance(0.16) {
        let family = rng.pick(KHMER_FAMILIES).copied().unwrap_or("Thạch");
        let given = rng.pick(KHMER_GIVEN).copied().unwrap_or("Sóc");
        let middle = if female { "Thị" } else { "" };
        if middle.is_empty() {
            // A Khmer name of two syllables or a one-syllable one with a Kinh-style middle name.
            if given.contains(' ') {
                return join(family, given, "");
            }
            return join(family, "Văn", given);
        }
        return join(family, middle, given);
    }
    let family = weighted_family(rng);
    let (middle, given) = if female { (FEMALE_MIDDLE, FEMALE_GIVEN) } else { (MALE_MIDDLE, MALE_GIVEN) };
    let middle = rng.pick(middle).copied().unwrap_or("Văn");
    let given = rng.pick(given).copied().unwrap_or("An");
    join(family, middle, given)
}

fn weighted_family(rng: &mut Rng) -> &'static str {
    let total: u64 = KINH_FAMILIES.iter().map(|(_, w)| w).sum();
    let mut draw = rng.below(total);
    for (name, weight) in KINH_FAMILIES {
        if draw < *weight {
            return name;
        }
        draw -= weight;
    }
    "Nguyễn"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_look_vietnamese_and_khmer_share_is_about_16_percent() {
        let mut rng = Rng::new(1);
        let names: Vec<String> = (0..10_000).map(|_| person(&mut rng)).collect();
        let khmer = names
            .iter()
            .filter(|n| ["Thạch ", "Danh ", "Sơn ", "Kim ", "Lâm ", "Châu "].iter().any(|f| n.starts_with(f)))
            .count();
        assert!((1_300..1_900).contains(&khmer), "{khmer}");
        let nguyen = names.iter().filter(|n| n.starts_with("Nguyễn ")).count();
        assert!((2_800..3_600).contains(&nguyen), "{nguyen}");
        assert!(names.iter().all(|n| crate::nfc(n) == n.as_str()));
    }

    #[test]
    fn places_are_distinct() {
        let mut rng = Rng::new(1);
        let mut p = places(&mut rng, 300);
        assert_eq!(p.len(), 300);
        p.sort();
        p.dedup();
        assert_eq!(p.len(), 300);
    }
}
