"""A realistic synthetic case file, so that a newcomer sees a living product at once.

Everything is invented: plausible names from the main countries of origin in NRW, households
with children, several municipalities, two years of work ending today. The result is an
interchange document and goes into the file through the normal, validating import."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kim_desktop.core.casefile import catalogues as cat
from kim_desktop.core.interchange.demo_data import (
    GAP_TEXTS,
    GOAL_TITLES,
    INTERPRETED_LANGUAGES,
    MUNICIPALITIES,
    NEED_THEMES,
    NOTES,
    ORIGINS,
    POSTCODES,
    REFERRAL_FOR_NEED,
    REFERRERS,
    STREETS,
    Origin,
)
from kim_desktop.core.interchange.format import ARRAYS


class _Generator:
    def __init__(self, seed: int, clients: int, today: dt.date, density: float) -> None:
        self.rng = random.Random(seed)
        # Fields added after the first version draw from their own stream, so a seed still
        # gives the same clients, cases and appointments as before.
        self.later = random.Random(seed + 1_000_003)
        self.wanted_clients = clients
        self.today = today
        self.start = today - dt.timedelta(days=730)
        self.density = density
        self.doc: dict[str, Any] = {
            "format": "kim-casefile",
            "version": 1,
            "owner": "Demo-Fallmanagement",
            "municipalities": list(MUNICIPALITIES),
            **{name: [] for name in ARRAYS},
        }
        self.counters: dict[str, int] = {}

    def next_id(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}-{self.counters[prefix]:06d}"

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        if last <= first:
            return first
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    # -- people ----------------------------------------------------------------------------

    def person(
        self,
        origin: Origin,
        family: str,
        gender: str,
        age: int,
        town: str,
        adult: bool,
        arrival: dt.date,
        status: str,
    ) -> dict[str, Any]:
        rng = self.rng
        names = origin.female if gender == "female" else origin.male
        birth = self.today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
        client: dict[str, Any] = {
            "id": self.next_id("kl"),
            "given_name": rng.choice(names),
            "family_name": family,
            "birth_date": birth.isoformat(),
            "gender": gender,
            "nationality": origin.nationality if rng.random() > 0.03 else "unknown",
            "languages": list(origin.languages[: rng.randint(1, len(origin.languages))]),
            "arrival_date": arrival.isoformat(),
            "residence_status": status,
        }
        if adult:
            client["phone"] = (
                f"01{rng.choice('567')}{rng.randint(0, 9)} {rng.randint(1000000, 9999999)}"
            )
            client["address"] = (
                f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {POSTCODES[town]} {town}"
            )
            if rng.random() < 0.4:
                client["email"] = (
                    f"{client['given_name'][0].lower()}.{rng.randint(100, 999)}@example.org"
                )
        self._unresolved(client, origin)
        return client

    def _unresolved(self, client: dict[str, Any], origin: Origin) -> None:
        # Stateless Kurds and Palestinians from Syria and Iraq are often "ungeklärt".
        if origin.nationality in ("SY", "IQ") and self.later.random() < 0.08:
            client["nationality"] = "unresolved"

    def household(self, town: str) -> list[dict[str, Any]]:
        rng = self.rng
        origin = rng.choices(ORIGINS, weights=[o.weight for o in ORIGINS])[0]
        family = rng.choice(origin.family)
        status = rng.choice(origin.statuses)
        arrival = self.day_between(
            self.today - dt.timedelta(days=365 * 9), self.today - dt.timedelta(days=60)
        )
        gender = "female" if rng.random() < 0.55 else "male"
        if rng.random() < 0.01:
            gender = "diverse"
        members = [
            self.person(origin, family, gender, rng.randint(18, 70), town, True, arrival, status)
        ]
        if rng.random() < 0.45:
            spouse_gender = "male" if gender == "female" else "female"
            members.append(
                self.person(
                    origin, family, spouse_gender, rng.randint(20, 60), town, True, arrival, status
                )
            )
        if rng.random() < 0.35:
            for _ in range(rng.randint(1, 3)):
                members.append(
                    self.person(
                        origin,
                        family,
                        rng.choice(("female", "male")),
                        rng.randint(0, 17),
                        town,
                        False,
                        arrival,
                        status,
                    )
                )
        return members

    # -- work ------------------------------------------------------------------------------

    def appointment(
        self, case: dict[str, Any] | None, kind: str, day: dt.date, themes: list[str], town: str
    ) -> None:
        rng = self.rng
        appt: dict[str, Any] = {
            "id": self.next_id("tm"),
            "date": day.isoformat(),
            "kind": kind,
            "channel": rng.choices(
                cat.base_catalogues()[cat.CHANNELS].codes, weights=(70, 15, 5, 3, 7)
            )[0],
        }
        if case is not None:
            appt["case_id"] = case["id"]
            appt["minutes"] = (
                rng.choice((30, 45, 60, 60, 75, 90))
                if kind == "case_management"
                else rng.choice((15, 20, 30))
            )
            appt["participants"] = len(case["members"])
            appt["themes"] = themes
            appt["interpreter"] = rng.choices(
                ("none", "professional", "volunteer", "device"), weights=(55, 20, 15, 10)
            )[0]
            if appt["interpreter"] != "none" and self.later.random() < 0.9:
                appt["interpreter_language"] = self.later.choice(INTERPRETED_LANGUAGES)
            if rng.random() < 0.1:
                town = rng.choice(MUNICIPALITIES)  # counselling held in another town hall
        else:
            appt["other_work_type"] = rng.choices(
                cat.base_catalogues()[cat.OTHER_WORK_TYPES].codes,
                weights=(25, 30, 10, 5, 15, 10, 5),
            )[0]
            appt["minutes"] = rng.choice((60, 90, 120, 180))
            appt["participants"] = rng.randint(3, 25)
            appt["themes"] = themes
        appt["municipality"] = town
        if self.later.random() < 0.85:
            hour, minute = self.later.randint(8, 16), self.later.choice((0, 15, 30, 45))
            appt["start_time"] = f"{hour:02d}:{minute:02d}"
        if rng.random() < 0.15:
            appt["notes"] = rng.choice(NOTES)
        self.doc["appointments"].append(appt)

    def _referred_by(self) -> dict[str, str]:
        if self.later.random() < 0.2:
            return {}
        return {
            "referred_by": self.later.choices(REFERRERS, weights=(30, 20, 15, 10, 10, 10, 5))[0]
        }

    def case(self) -> None:
        rng = self.rng
        town = rng.choices(MUNICIPALITIES, weights=(30, 30, 15, 15, 10))[0]
        members = self.household(town)
        self.doc["clients"].extend(members)
        opened = self.day_between(self.start, self.today - dt.timedelta(days=3))
        track = "case_management" if rng.random() < 0.6 else "short_consultation"
        case: dict[str, Any] = {
            "id": self.next_id("fa"),
            "municipality": town,
            "track": track,
            "opened_on": opened.isoformat(),
            **self._referred_by(),
            "members": [
                {"client_id": m["id"], "role": "primary" if i == 0 else "household"}
                for i, m in enumerate(members)
            ],
        }
        self.doc["cases"].append(case)
        primary = members[0]
        self.doc["consents"].append(
            {
                "id": self.next_id("ew"),
                "client_id": primary["id"],
                "kind": "case_documentation",
                "given_on": opened.isoformat(),
                "form_version": "2024-1",
                "language": "de",
            }
        )
        needs = rng.sample(list(NEED_THEMES), rng.randint(1, 4))
        themes = [NEED_THEMES[n] for n in needs]
        if track == "short_consultation":
            day = opened
            for _ in range(rng.choice((1, 1, 1, 2))):
                if day > self.today:
                    break
                self.appointment(case, "short_consultation", day, themes[:2], town)
                day += dt.timedelta(days=rng.randint(3, 21))
            case["phase"] = "closed"
            case["closed_on"] = min(day, self.today).isoformat()
            case["closure_reason"] = rng.choice(("goals_achieved", "referred_elsewhere", "other"))
            if rng.random() < 0.5:
                self.referral(case, opened, needs[0])
            return
        self.case_management(case, opened, needs, themes, town, primary)

    def case_management(
        self,
        case: dict[str, Any],
        opened: dt.date,
        needs: list[str],
        themes: list[str],
        town: str,
        primary: dict[str, Any],
    ) -> None:
        rng = self.rng
        day = opened
        self.appointment(case, "case_management", day, themes, town)
        self.assessment(case, day, needs)
        continues = rng.random() < 0.55
        if not continues:
            if rng.random() < 0.5:
                day += dt.timedelta(days=rng.randint(7, 21))
                if day <= self.today:
                    self.appointment(case, "case_management", day, themes, town)
            closed = min(day + dt.timedelta(days=rng.randint(7, 40)), self.today)
            if closed < self.today - dt.timedelta(days=10) or rng.random() < 0.3:
                case.update(
                    phase="closed",
                    closed_on=closed.isoformat(),
                    closure_reason=rng.choice(
                        ("not_continued", "contact_lost", "client_withdrew", "moved_away")
                    ),
                )
            else:
                case["phase"] = "assessment"
                case["follow_up_on"] = (
                    self.today + dt.timedelta(days=rng.randint(-5, 20))
                ).isoformat()
            return
        agreed = day + dt.timedelta(days=rng.randint(7, 45))
        if agreed > self.today:
            case["phase"] = "assessment"
            case["follow_up_on"] = (self.today + dt.timedelta(days=rng.randint(-3, 14))).isoformat()
            return
        goals = [self.goal(case, agreed, need) for need in needs[: rng.randint(1, 3)]]
        if rng.random() < 0.4:
            self.consent_transfer(primary, agreed, REFERRAL_FOR_NEED[needs[0]])
        planned = max(2, int(rng.randint(6, 22) * self.density))
        day = agreed
        reassessed = False
        for index in range(planned):
            if day > self.today:
                break
            self.appointment(
                case, "case_management", day, rng.sample(themes, rng.randint(1, len(themes))), town
            )
            if index == planned // 2 and not reassessed:
                self.assessment(case, day, needs, improved=True)
                reassessed = True
            if rng.random() < 0.12:
                self.referral(case, day, rng.choice(needs))
            day += dt.timedelta(days=max(1, round(rng.randint(7, 28) / self.density)))
        if day <= self.today:
            reason = rng.choices(
                ("goals_achieved", "goals_partly_achieved", "moved_away", "referred_elsewhere"),
                weights=(55, 30, 10, 5),
            )[0]
            case.update(phase="closed", closed_on=day.isoformat(), closure_reason=reason)
            for goal in goals:
                goal["closed_on"] = day.isoformat()
                goal["status"] = {
                    "goals_achieved": "achieved",
                    "goals_partly_achieved": rng.choice(
                        ("achieved", "partly_achieved", "not_achieved")
                    ),
                }.get(reason, rng.choice(("dropped", "not_achieved", "partly_achieved")))
        else:
            case["phase"] = "implementation"
            case["follow_up_on"] = (self.today + dt.timedelta(days=rng.randint(-7, 30))).isoformat()
            if rng.random() < 0.5:  # next appointment already planned
                self.appointment(
                    case,
                    "case_management",
                    self.today + dt.timedelta(days=rng.randint(1, 12)),
                    themes[:1],
                    town,
                )

    def assessment(
        self, case: dict[str, Any], day: dt.date, needs: list[str], improved: bool = False
    ) -> None:
        rng = self.rng
        ratings = {}
        for area in cat.base_catalogues()[cat.LIFE_AREAS].codes:
            need = rng.randint(2, 3) if area in needs else rng.randint(0, 1)
            ratings[area] = max(0, need - 1) if improved and area in needs else need
        self.doc["assessments"].append(
            {
                "id": self.next_id("as"),
                "case_id": case["id"],
                "client_id": case["members"][0]["client_id"],
                "assessed_on": day.isoformat(),
                "ratings": ratings,
            }
        )

    def goal(self, case: dict[str, Any], agreed: dt.date, need: str) -> dict[str, Any]:
        goal = {
            "id": self.next_id("zi"),
            "case_id": case["id"],
            "life_area": need,
            "title": GOAL_TITLES[need],
            "agreed_on": agreed.isoformat(),
            "due_on": (agreed + dt.timedelta(days=self.rng.choice((90, 180, 270)))).isoformat(),
            "status": "open",
        }
        self.doc["goals"].append(goal)
        case["phase"] = "agreement"
        return goal

    def referral(self, case: dict[str, Any], day: dt.date, need: str) -> None:
        rng = self.rng
        target = (
            REFERRAL_FOR_NEED[need]
            if rng.random() < 0.7
            else rng.choice(cat.base_catalogues()[cat.REFERRAL_TARGETS].codes)
        )
        outcome = (
            "pending"
            if day > self.today - dt.timedelta(days=30)
            else rng.choice(("taken_up", "taken_up", "not_taken_up"))
        )
        self.doc["referrals"].append(
            {
                "id": self.next_id("vw"),
                "case_id": case["id"],
                "date": day.isoformat(),
                "target": target,
                "theme": NEED_THEMES[need],
                "outcome": outcome,
            }
        )

    def consent_transfer(self, client: dict[str, Any], day: dt.date, recipient: str) -> None:
        consent = {
            "id": self.next_id("ew"),
            "client_id": client["id"],
            "kind": "data_transfer",
            "recipient": recipient,
            "given_on": day.isoformat(),
            "form_version": "2024-1",
            "language": "de",
        }
        if self.rng.random() < 0.05:
            consent["withdrawn_on"] = self.day_between(day, self.today).isoformat()
        self.doc["consents"].append(consent)

    def other_work(self) -> None:
        rng = self.rng
        weeks = 104
        for week in range(weeks):
            for _ in range(max(0, round(rng.gauss(self.wanted_clients / 120, 1)))):
                day = self.start + dt.timedelta(days=week * 7 + rng.randint(0, 4))
                if day <= self.today:
                    self.appointment(
                        None,
                        "other_work",
                        day,
                        rng.sample(cat.base_catalogues()[cat.THEMES].codes[:10], 1),
                        rng.choice(MUNICIPALITIES),
                    )

    def gaps(self) -> None:
        for theme, title, description in self.rng.sample(GAP_TEXTS, min(6, len(GAP_TEXTS))):
            gap: dict[str, Any] = {
                "id": self.next_id("sl"),
                "municipality": self.rng.choice(MUNICIPALITIES),
                "theme": theme,
                "title": title,
                "description": description,
            }
            if self.rng.random() < 0.7:
                gap["status"] = "reported"
                gap["reported_on"] = self.day_between(self.start, self.today).isoformat()
            else:
                gap["status"] = "draft"
            self.doc["structural_gaps"].append(gap)

    def build(self) -> dict[str, Any]:
        while len(self.doc["clients"]) < self.wanted_clients:
            self.case()
        self.other_work()
        self.gaps()
        return self.doc


def demo_document(
    seed: int = 1, clients: int = 200, today: dt.date | None = None, density: float = 1.0
) -> dict[str, Any]:
    """An interchange document with about ``clients`` clients (whole households, so a few
    more) and two years of work up to ``today``. ``density`` scales appointments per case."""
    return _Generator(seed, clients, today or dt.date.today(), density).build()
