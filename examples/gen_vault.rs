//! A deterministic synthetic-vault generator for benchmarks and stress
//! tests: `cargo run --release --example gen_vault -- OUT --people N
//! [--seed S] [--dailies D]`.
//!
//! It writes person notes in the formats of SPEC §2 with realistic
//! variety (front-matter key aliases, interests, cadences, pets; dated
//! logs of 0–15 interactions as headings or bullets with `by::`,
//! `ask::`, `give::`; a few long notes) and daily notes that link people.
//! The same seed always gives the same vault.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const FIRST: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Margaret",
    "Katherine",
    "Tim",
    "Barbara",
    "Dennis",
    "Ken",
    "Radia",
    "Frances",
    "Hedy",
    "Edsger",
    "Donald",
    "Leslie",
    "Yukihiro",
    "Guido",
    "Sophie",
    "Amara",
    "Chidi",
    "Mei",
    "Hiroshi",
    "Priya",
    "Arjun",
    "Fatima",
    "Omar",
    "Lucía",
    "Mateo",
    "Zoë",
    "Ingrid",
    "Sven",
    "Olga",
    "Dmitri",
    "Aiyana",
    "Kai",
    "Noa",
    "Tariq",
    "Wanjiru",
];
const LAST: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Hamilton",
    "Johnson",
    "Berners-Lee",
    "Liskov",
    "Ritchie",
    "Thompson",
    "Perlman",
    "Allen",
    "Lamarr",
    "Dijkstra",
    "Knuth",
    "Lamport",
    "Matsumoto",
    "van Rossum",
    "Wilson",
    "Okafor",
    "Nwosu",
    "Zhang",
    "Tanaka",
    "Raman",
    "Patel",
    "Haddad",
    "Farouk",
    "García",
    "Fernández",
    "Müller",
    "Lindqvist",
    "Petrova",
    "Ivanov",
    "Begay",
    "Kahale",
    "Cohen",
    "Rahman",
    "Mwangi",
];
const INTERESTS: &[&str] = &[
    "sailing",
    "climbing",
    "sourdough",
    "jazz",
    "chess",
    "marathons",
    "birdwatching",
    "pottery",
    "photography",
    "gardening",
    "woodworking",
    "poetry",
    "cycling",
    "surfing",
    "board games",
    "astronomy",
    "cooking",
    "knitting",
    "tennis",
    "hiking",
    "opera",
    "film noir",
    "history",
];
const PETS: &[&str] = &[
    "a cat named Pixel",
    "two dogs, Miso and Tofu",
    "a parrot called Captain",
    "an old beagle named Biscuit",
    "a tortoise named Speedy",
];
const COMPANIES: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella Labs",
    "Hooli",
    "Stark Industries",
    "Wayne Enterprises",
];
const CITIES: &[&str] = &[
    "Lisbon",
    "Nairobi",
    "Osaka",
    "Toronto",
    "Berlin",
    "São Paulo",
    "Melbourne",
    "Austin",
];
const TOPICS: &[&str] = &[
    "talked about her new job",
    "caught up over coffee",
    "long call about the move",
    "lunch near the office",
    "walked along the river",
    "helped him debug a deploy",
    "discussed a book we both read",
    "planned the conference trip",
];

struct Args {
    out: PathBuf,
    people: usize,
    seed: u64,
    dailies: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut people = 1000;
    let mut seed = 42;
    let mut dailies = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value"))?
                .parse::<u64>()
                .map_err(|e| format!("{name}: {e}"))
        };
        match arg.as_str() {
            "--people" => {
                people = usize::try_from(value("--people")?).map_err(|e| e.to_string())?;
            }
            "--seed" => seed = value("--seed")?,
            "--dailies" => {
                dailies = Some(usize::try_from(value("--dailies")?).map_err(|e| e.to_string())?);
            }
            "-h" | "--help" => {
                return Err("usage: gen_vault OUT --people N [--seed S] [--dailies D]".into())
            }
            other if out.is_none() => out = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    let out = out.ok_or("usage: gen_vault OUT --people N [--seed S] [--dailies D]")?;
    Ok(Args {
        out,
        people,
        seed,
        dailies: dailies.unwrap_or(people / 10 + 1),
    })
}

fn date(rng: &mut ChaCha8Rng) -> String {
    let year = rng.random_range(2021..=2026);
    let month = rng.random_range(1..=if year == 2026 { 11 } else { 12 });
    let day = rng.random_range(1..=28);
    format!("{year}-{month:02}-{day:02}")
}

fn person_note(rng: &mut ChaCha8Rng, name: &str) -> String {
    let mut s = String::from("---\n");
    let name_key = ["name", "full_name", "Name"].choose(rng).unwrap_or(&"name");
    let _ = writeln!(s, "{name_key}: {name}");
    if rng.random_bool(0.3) {
        // First name and number: unique, as a nickname in a real vault is.
        let first = name.split(' ').next().unwrap_or(name);
        let number = name.rsplit(' ').next().unwrap_or("");
        let _ = writeln!(s, "aliases: [\"{first} {number}\"]");
    }
    let tags = [
        "[person]",
        "[person, work]",
        "friend",
        "[mentor]",
        "[family]",
    ];
    let _ = writeln!(s, "tags: {}", tags.choose(rng).unwrap_or(&"[person]"));
    let wanted = rng.random_range(0..4);
    let interests: Vec<&str> = INTERESTS.choose_multiple(rng, wanted).copied().collect();
    if !interests.is_empty() {
        let key = ["interests", "hobbies", "passions"]
            .choose(rng)
            .unwrap_or(&"interests");
        let _ = writeln!(s, "{key}: {}", interests.join(", "));
    }
    if rng.random_bool(0.5) {
        let key = ["company", "org", "organization"]
            .choose(rng)
            .unwrap_or(&"company");
        let _ = writeln!(
            s,
            "{key}: \"[[{}]]\"",
            COMPANIES.choose(rng).unwrap_or(&"Acme")
        );
    }
    if rng.random_bool(0.5) {
        let _ = writeln!(s, "city: {}", CITIES.choose(rng).unwrap_or(&"Lisbon"));
    }
    if rng.random_bool(0.2) {
        let _ = writeln!(s, "pets: {}", PETS.choose(rng).unwrap_or(&"a cat"));
    }
    if rng.random_bool(0.6) {
        let key = ["cadence", "contactFrequency", "contact_frequency"]
            .choose(rng)
            .unwrap_or(&"cadence");
        let value = ["30d", "monthly", "quarterly", "2w", "90", "6m", "none"]
            .choose(rng)
            .unwrap_or(&"30d");
        let _ = writeln!(s, "{key}: {value}");
    } else if rng.random_bool(0.3) {
        let tier = ["inner", "close", "casual", "warm"]
            .choose(rng)
            .unwrap_or(&"close");
        let _ = writeln!(s, "tier: {tier}");
    }
    if rng.random_bool(0.7) {
        let key = ["met", "first_met"].choose(rng).unwrap_or(&"met");
        let _ = writeln!(s, "{key}: {}", date(rng));
    }
    if rng.random_bool(0.1) {
        let _ = writeln!(
            s,
            "birthday: --{:02}-{:02}",
            rng.random_range(1..=12),
            rng.random_range(1..=28)
        );
    }
    s.push_str("---\n");
    let _ = writeln!(s, "# {name}\n");
    if rng.random_bool(0.3) {
        s.push_str("## Interests\n");
        for interest in INTERESTS.choose_multiple(rng, 2) {
            let _ = writeln!(s, "- {interest}");
        }
        s.push('\n');
    }
    let count = rng.random_range(0..=15);
    let mut dates: Vec<String> = (0..count).map(|_| date(rng)).collect();
    dates.sort();
    let as_headings = rng.random_bool(0.4);
    if !as_headings {
        s.push_str("## Conversations\n");
    }
    for d in &dates {
        let topic = TOPICS.choose(rng).unwrap_or(&"caught up");
        let by = ["me", "them", "both"].choose(rng).unwrap_or(&"me");
        if as_headings {
            let _ = writeln!(s, "\n### {d} {topic}\nby:: {by}");
            if rng.random_bool(0.15) {
                let _ = writeln!(
                    s,
                    "ask:: an intro to someone at {}",
                    COMPANIES.choose(rng).unwrap_or(&"Acme")
                );
            }
            if rng.random_bool(0.2) {
                s.push_str("give:: sent a list of good books\n");
            }
            if rng.random_bool(0.1) {
                // Long notes: tens of kilobytes of meeting minutes.
                for _ in 0..rng.random_range(50..400) {
                    let _ = writeln!(
                        s,
                        "We went through the plan for {} in detail and agreed on next steps.",
                        CITIES.choose(rng).unwrap_or(&"Lisbon")
                    );
                }
            }
        } else {
            let _ = write!(s, "- {d}: {topic} [by:: {by}]");
            if rng.random_bool(0.15) {
                s.push_str(" (ask:: a résumé read)");
            }
            if rng.random_bool(0.2) {
                s.push_str(" (give:: a restaurant tip)");
            }
            s.push('\n');
        }
    }
    s
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut names = Vec::with_capacity(args.people);
    for i in 0..args.people {
        let first = FIRST.choose(&mut rng).unwrap_or(&"Ada");
        let last = LAST.choose(&mut rng).unwrap_or(&"Lovelace");
        // A number keeps names unique in large vaults, as real vaults
        // disambiguate namesakes.
        let name = format!("{first} {last} {i}");
        let text = person_note(&mut rng, &name);
        write(&args.out.join("People").join(format!("{name}.md")), &text)?;
        names.push(name);
    }
    for _ in 0..args.dailies {
        let d = date(&mut rng);
        let mut text = String::new();
        let _ = writeln!(text, "# {d}\n");
        for _ in 0..rng.random_range(1..4) {
            if let Some(name) = names.choose(&mut rng) {
                let by = ["me", "them"].choose(&mut rng).unwrap_or(&"me");
                let _ = writeln!(
                    text,
                    "- Lunch with [[{name}]] about {} [by:: {by}]",
                    INTERESTS.choose(&mut rng).unwrap_or(&"jazz")
                );
            }
        }
        text.push_str("\nOther notes of the day: groceries, gym, read two chapters.\n");
        // Same-date dailies append, like a real daily note grown over the day.
        let path = args.out.join("Daily").join(format!("{d}.md"));
        let previous = std::fs::read_to_string(&path).unwrap_or_default();
        write(&path, &(previous + &text))?;
    }
    write(
        &args.out.join("vaultnet.toml"),
        "default_cadence = \"90d\"\n[cadence.tags]\nmentor = \"monthly\"\nfamily = \"14d\"\n",
    )?;
    Ok(())
}

fn main() {
    if let Err(message) = run() {
        eprintln!("gen_vault: {message}");
        std::process::exit(2);
    }
}
