"""The demo organisation: a host company of about 290 people in a reporting tree under a CEO,
and a partner university lending student mentors. Everything is drawn from one ``Random``."""

import random
import unicodedata
from dataclasses import dataclass, field

from tandem.demo import data
from tandem.people.models import Organization, Person
from tandem.people.services.tree import renumber


@dataclass
class Org:
    host: Organization
    partner: Organization
    people: list[Person] = field(default_factory=list)
    by_depth: dict[int, list[Person]] = field(default_factory=dict)
    ceo: Person | None = None
    sponsor: Person | None = None
    program_manager: Person | None = None
    coach: Person | None = None
    students: list[Person] = field(default_factory=list)

    def add(self, person: Person, depth: int) -> Person:
        person.tree_depth = depth
        self.people.append(person)
        self.by_depth.setdefault(depth, []).append(person)
        return person


class PersonMaker:
    """Makes unsaved people with unique names, emails and employee ids."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.emails: set[str] = set()
        self.names: set[str] = set()
        self.count = 0

    def make(self, org, *, site, department, title, depth, manager=None, domain=data.DOMAIN):
        rng = self.rng
        timezone, languages, name_pool = data.SITES[site]
        if name_pool == "fr" and rng.random() < 0.08:
            name_pool = "en"
        gender = "x" if rng.random() < 0.02 else rng.choice("fm")
        first_gender = gender if gender != "x" else rng.choice("fm")
        full_name = self._unique_name(name_pool, first_gender)
        self.count += 1
        return Person(
            employee_id=f"HX{self.count:05d}" if domain == data.DOMAIN else f"UPS{self.count:04d}",
            email=self._email(full_name, domain),
            full_name=full_name,
            title=data.gendered(title, first_gender),
            department=department,
            site=site,
            timezone=timezone,
            languages=self._languages(languages, depth),
            organization=org,
            manager=manager,
            gender=gender,
            birth_year=self._birth_year(depth),
        )

    def _unique_name(self, name_pool: str, gender: str) -> str:
        firsts, lasts = data.pool(name_pool, gender), data.pool(name_pool, "last")
        while True:
            name = f"{self.rng.choice(firsts)} {self.rng.choice(lasts)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def _email(self, full_name: str, domain: str) -> str:
        ascii_name = unicodedata.normalize("NFKD", full_name).encode("ascii", "ignore").decode()
        first, _, last = ascii_name.lower().replace("'", "").partition(" ")
        base = f"{first}.{last.replace(' ', '-')}"
        email, n = f"{base}@{domain}", 1
        while email in self.emails:
            n += 1
            email = f"{base}{n}@{domain}"
        self.emails.add(email)
        return email

    def _languages(self, local: list[str], depth: int) -> list[str]:
        languages = list(local)
        if "en" not in languages and self.rng.random() < (0.9 if depth <= 3 else 0.75):
            languages.append("en")
        extra = [lang for lang in ("es", "de") if lang not in languages]
        if extra and self.rng.random() < 0.08:
            languages.append(self.rng.choice(extra))
        return languages

    def _birth_year(self, depth: int) -> int:
        low, high = {0: (1962, 1968), 1: (1963, 1977), 2: (1968, 1983), 3: (1974, 1989)}.get(
            depth, (1984, 1996) if depth == 4 else (1995, 2004)
        )
        return self.rng.randint(low, high)


def build_org(rng: random.Random) -> Org:
    host = Organization.objects.create(
        name=data.HOST_NAME, slug=data.HOST_SLUG, kind=Organization.Kind.HOST
    )
    partner, _ = Organization.objects.get_or_create(
        slug=data.PARTNER_SLUG,
        defaults={"name": data.PARTNER_NAME, "kind": Organization.Kind.PARTNER},
    )
    org = Org(host=host, partner=partner)
    maker = PersonMaker(rng)
    _build_top(org, maker)
    for department, (heads, sites, titles) in data.DEPARTMENTS.items():
        _build_department(org, maker, department, heads, sites, titles)
    _build_partner(org, maker)
    _save(org)
    return org


def _place(org: Org, maker: PersonMaker, site, department, title, depth, manager=None) -> Person:
    """A new person of the host at ``depth`` of the organisation chart, under ``manager``."""
    person = maker.make(
        org.host, site=site, department=department, title=title, depth=depth, manager=manager
    )
    return org.add(person, depth)


def _build_top(org: Org, maker: PersonMaker) -> None:
    org.ceo = _place(org, maker, "Paris", "Direction générale", data.CEO_TITLE, 0)
    for department, title in data.EXECUTIVES:
        exec_ = _place(org, maker, "Paris", department, title, 1, manager=org.ceo)
        org.sponsor = org.sponsor or exec_
        for staff_title in data.EXECUTIVE_STAFF.get(title, []):
            _place(org, maker, "Paris", department, staff_title, 2, manager=exec_)


def _build_department(org, maker, department, heads, sites, titles) -> None:
    rng = maker.rng

    def make(depth, manager, site):
        return _place(org, maker, site, department, rng.choice(titles[depth]), depth, manager)

    names, weights = list(sites), list(sites.values())
    director = make(1, org.ceo, "Paris")
    for _ in range(heads):
        site = rng.choices(names, weights)[0]
        head = make(2, director, site)
        for _ in range(2):
            manager = make(3, head, site)
            if department == "RH" and org.program_manager is None:
                manager.title = data.PROGRAM_MANAGER_TITLE
                org.program_manager = manager
            elif department == "RH" and org.coach is None:
                manager.title = data.COACH_TITLE
                org.coach = manager
            for _ in range(2):
                lead = make(4, manager, site)
                for _ in range(rng.randint(1, 4)):
                    remote = rng.random() < 0.1
                    make(5, lead, rng.choices(names, weights)[0] if remote else site)


def _build_partner(org: Org, maker: PersonMaker) -> None:
    domain = data.PARTNER_DOMAIN
    head = org.add(
        maker.make(
            org.partner,
            site="Paris",
            department="Relations entreprises",
            title=data.PARTNER_HEAD_TITLE,
            depth=3,
            domain=domain,
        ),
        0,
    )
    for _ in range(10):
        student = maker.make(
            org.partner,
            site="Paris",
            department="Étudiants",
            title=maker.rng.choice(data.STUDENT_TITLES),
            depth=5,
            manager=head,
            domain=domain,
        )
        org.students.append(org.add(student, 1))


def _save(org: Org) -> None:
    """Saves level by level so every manager has its id before its reports are inserted.
    The tree is numbered beforehand the way ``people.services.tree.renumber`` does (children
    in id order, that is creation order), so its run afterwards finds nothing to change."""
    _number_tree(org.people)
    for depth in sorted(org.by_depth):
        Person.objects.bulk_create(org.by_depth[depth])
    renumber()


def _number_tree(people: list[Person]) -> None:
    children: dict[int, list[Person]] = {}
    roots = []
    for person in people:
        if person.manager is None:
            roots.append(person)
        else:
            children.setdefault(id(person.manager), []).append(person)
    counter = 0
    stack = [(root, 0, False) for root in reversed(roots)]
    while stack:
        person, depth, leaving = stack.pop()
        if leaving:
            person.tree_post = counter
        else:
            person.tree_pre, person.tree_depth = counter, depth
            stack.append((person, depth, True))
            stack.extend((c, depth + 1, False) for c in reversed(children.get(id(person), [])))
        counter += 1
