"""schema.org JSON-LD of the encyclopedia: series (TVSeries or Movie) and people."""

from newsroom.kernel.structured import CONTEXT, linked

from .models import lines


def tv_series_ref(series, absolute) -> dict:
    return {
        "@type": "TVSeries",
        "name": series.title,
        "url": absolute(series.get_absolute_url()),
    }


SERIES_TYPES = {"film": "Movie"}


def tv_series(series, absolute, *, image="", studios=(), directors=()) -> dict:
    """A series page's own entry: TVSeries, or Movie for films."""
    data = {
        "@context": CONTEXT,
        "@type": SERIES_TYPES.get(series.format, "TVSeries"),
        "name": series.title,
        "url": absolute(series.get_absolute_url()),
        "inLanguage": "ja",
    }
    alternate = [
        name
        for name in (series.title_japanese, series.title_romaji, *series.alias_list)
        if name and name != series.title
    ]
    if alternate:
        data["alternateName"] = alternate
    if series.synopsis:
        data["description"] = series.synopsis
    if image:
        data["image"] = absolute(image)
    if series.premiere_date:
        key = "datePublished" if data["@type"] == "Movie" else "startDate"
        data[key] = series.premiere_date.isoformat()
    if series.end_date and data["@type"] == "TVSeries":
        data["endDate"] = series.end_date.isoformat()
    if series.episode_count and data["@type"] == "TVSeries":
        data["numberOfEpisodes"] = series.episode_count
    if studios:
        data["productionCompany"] = linked("Organization", studios, absolute)
    if directors:
        data["director"] = linked("Person", directors, absolute)
    return data


def person(person, absolute, *, image="") -> dict:
    """A credited person's page."""
    data = {
        "@context": CONTEXT,
        "@type": "Person",
        "name": person.name,
        "url": absolute(person.get_absolute_url()),
    }
    alternate = [name for name in (person.native_name, *lines(person.aliases)) if name]
    if alternate:
        data["alternateName"] = alternate
    if person.bio:
        data["description"] = person.bio
    if image:
        data["image"] = absolute(image)
    return data
