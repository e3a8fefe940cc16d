"""Government office holidays of any year: the `holidays` package's calendar, less the days offices stay
open on, plus the Cabinet's extra days from holidays.toml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

import holidays as holidays_package


class GovernmentCalendar(Mapping):
    """A read-only mapping date -> Thai name over every year; years are computed when first asked for."""

    def __init__(
        self,
        *,
        country: str,
        categories: tuple[str, ...],
        exclude: tuple[str, ...],
        extra: dict[dt.date, str],
    ) -> None:
        self._calendar = holidays_package.country_holidays(
            country, categories=categories, language="th", years=(), expand=True
        )
        self._exclude = exclude
        self._extra = dict(extra)
        self._years: dict[int, dict[dt.date, str]] = {}

    def _year(self, year: int) -> dict[dt.date, str]:
        days = self._years.get(year)
        if days is None:
            _ = dt.date(year, 1, 1) in self._calendar  # asking for a day makes the package compute its year
            days = {
                day: name
                for day, name in self._calendar.items()
                if day.year == year and not any(word in name for word in self._exclude)
            }
            days.update({day: name for day, name in self._extra.items() if day.year == year})
            self._years[year] = days
        return days

    def __getitem__(self, day: dt.date) -> str:
        return self._year(day.year)[day]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and day in self._year(day.year)

    def __iter__(self) -> Iterator[dt.date]:
        # Only the years asked for so far: the calendar has no end.
        for year in sorted(self._years):
            yield from sorted(self._years[year])

    def __len__(self) -> int:
        return sum(len(days) for days in self._years.values())

    def year(self, year: int) -> dict[dt.date, str]:
        """Every holiday of one year, in date order."""
        return dict(sorted(self._year(year).items()))
