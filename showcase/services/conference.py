"""The conference's own facts, as the schedule export and the schema.org data give them."""

from showcase.models import CONFERENCE_DAYS

TITLE = {"de": "3. Internationale Clusterkonferenz", "en": "3rd International Cluster Conference"}
EXHIBITION_TITLE = {"de": "Ausstellung der Spitzencluster – 3. Internationale Clusterkonferenz",
                    "en": "Spitzencluster exhibition – 3rd International Cluster Conference"}
ACRONYM = "icc2015"
VENUE_NAME = "Westhafen Event & Convention Center (WECC)"
VENUE_ADDRESS = {"streetAddress": "Westhafenstraße 1", "postalCode": "13353", "addressLocality": "Berlin",
                 "addressCountry": "DE"}
VENUE = f"{VENUE_NAME}, {VENUE_ADDRESS['streetAddress']}, {VENUE_ADDRESS['postalCode']} Berlin"
DAYS = CONFERENCE_DAYS
FIRST_DAY, LAST_DAY = DAYS[0], DAYS[-1]
