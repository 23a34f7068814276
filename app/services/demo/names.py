"""Fixed vocabulary of the fictional city of Riverton: organizations, names, streets."""

from __future__ import annotations

from app.models import OrganizationKind as K


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# key, name, kind, web/e-mail domain stem, generic staff count
ORGANIZATIONS: list[tuple[str, str, K, str, int]] = [
    ("rpd", "Riverton Police Department", K.LAW_ENFORCEMENT, "rivertonpd", 19),
    ("sheriff", "Harlan County Sheriff's Office", K.LAW_ENFORCEMENT, "harlansheriff", 4),
    ("transit", "Riverton Transit Police", K.LAW_ENFORCEMENT, "rivertontransit", 2),
    ("patrol", "State Highway Patrol – District 4", K.LAW_ENFORCEMENT, "statepatrol-d4", 1),
    ("bgc", "Riverton Boys & Girls Club", K.NONPROFIT, "rivertonbgc", 2),
    ("safeharbor", "Safe Harbor Domestic Violence Shelter", K.NONPROFIT, "safeharbor", 1),
    ("reentry", "Second Chance Reentry Services", K.NONPROFIT, "secondchance", 2),
    ("foodbank", "Riverton Community Food Bank", K.NONPROFIT, "rivertonfood", 2),
    ("bbbs", "Big Brothers Big Sisters of the Valley", K.NONPROFIT, "bbbsvalley", 2),
    ("mediation", "Neighbors United Mediation Center", K.NONPROFIT, "neighborsunited", 1),
    ("hopestreet", "Hope Street Youth Center", K.NONPROFIT, "hopestreet", 2),
    ("rhs", "Riverton High School", K.SCHOOL, "rivertonhigh", 2),
    ("eastms", "Eastside Middle School", K.SCHOOL, "eastsidems", 2),
    ("lincoln", "Lincoln Elementary School", K.SCHOOL, "lincolnelem", 1),
    ("rcc", "Riverton Community College", K.SCHOOL, "rivertoncc", 2),
    ("stagnes", "St. Agnes Academy", K.SCHOOL, "stagnes", 1),
    ("dba", "Riverton Downtown Business Association", K.BUSINESS, "downtownriverton", 2),
    ("bank", "Valley Savings Bank", K.BUSINESS, "valleysavings", 1),
    ("hardware", "Main Street Hardware", K.BUSINESS, "mainsthardware", 1),
    ("mall", "Riverside Mall Management", K.BUSINESS, "riversidemall", 1),
    ("kessler", "Kessler Security Services", K.BUSINESS, "kesslersecurity", 1),
    ("pharmacy", "Northgate Pharmacy", K.BUSINESS, "northgaterx", 1),
    ("baptist", "First Baptist Church of Riverton", K.FAITH_BASED, "fbcriverton", 1),
    ("stmary", "St. Mary's Catholic Parish", K.FAITH_BASED, "stmarysriverton", 1),
    ("islamic", "Riverton Islamic Center", K.FAITH_BASED, "rivertonic", 1),
    ("temple", "Temple Beth Shalom", K.FAITH_BASED, "bethshalom-riverton", 1),
    ("newlife", "New Life Community Church", K.FAITH_BASED, "newliferiverton", 1),
    ("mayor", "City of Riverton – Office of the Mayor", K.GOVERNMENT, "riverton-city", 2),
    ("parks", "Riverton Parks & Recreation", K.GOVERNMENT, "rivertonparks", 2),
    ("probation", "Harlan County Adult Probation", K.GOVERNMENT, "harlanprobation", 2),
    ("housing", "Riverton Housing Authority", K.GOVERNMENT, "rivertonha", 2),
    ("code", "Riverton Code Enforcement Division", K.GOVERNMENT, "riverton-code", 1),
    ("library", "Riverton Public Library", K.GOVERNMENT, "rivertonlibrary", 1),
    ("rbhc", "Riverton Behavioral Health Center", K.HEALTH, "rivertonbhc", 3),
    ("hospital", "Valley General Hospital", K.HEALTH, "valleygeneral", 3),
    ("crisisline", "Harlan County Crisis Line", K.HEALTH, "harlancrisis", 2),
    ("clinic", "Northside Community Health Clinic", K.HEALTH, "northsideclinic", 3),
    ("eastna", "Eastside Neighborhood Association", K.RESIDENT_GROUP, "eastside-na", 1),
    ("oakwatch", "Oak Park Block Watch", K.RESIDENT_GROUP, "oakparkwatch", 1),
    ("millbrook", "Millbrook Tenants' Council", K.RESIDENT_GROUP, "millbrooktenants", 1),
    ("heights", "Riverside Heights Homeowners Association", K.RESIDENT_GROUP, "rhhoa", 1),
    ("rotary", "Riverton Rotary Club", K.OTHER, "rivertonrotary", 1),
    ("sports", "Riverton Youth Sports League", K.OTHER, "rysl", 1),
]

# first name, last name, ascii handle, title, org key or "", affiliation role, tags
SPECIAL_PEOPLE: list[tuple[str, str, str, str, str, str, tuple[str, ...]]] = [
    ("Maria", "Delgado", "maria.delgado", "Sergeant", "rpd",
     "Community Liaison Officer", ("officer", "trainer")),
    ("Zoë", "Müller", "zoe.mueller", "Executive Director", "safeharbor",
     "Executive Director", ("board member",)),
    ("José", "Núñez", "jose.nunez", "Pastor", "newlife", "Senior Pastor",
     ("faith leader", "volunteer")),
    ("Thị Lan", "Nguyễn", "lan.nguyen", "Clinical Supervisor", "rbhc",
     "Crisis Services Supervisor",
     ("mental health clinician", "crisis intervention team", "trainer")),
    ("Дмитрий", "Иванов", "dmitry.ivanov", "Owner", "hardware", "Owner",
     ("business owner",)),
    ("华", "李", "hua.li", "Crime Analyst", "rpd", "Crime Analyst", ("crime analyst",)),
    ("Siobhán", "O'Brien", "siobhan.obrien", "Principal", "rhs", "Principal", ()),
    ("Ελένη", "Παπαδοπούλου", "eleni.papadopoulou", "Program Manager", "bbbs",
     "Mentoring Program Manager", ("youth mentor",)),
    ("ليلى", "حداد", "layla.haddad", "", "", "", ("block captain", "resident")),
    ("François", "Lefèvre", "francois.lefevre", "Branch Manager", "library",
     "Branch Manager", ()),
    ("Łukasz", "Wójcik", "lukasz.wojcik", "Officer", "rpd", "Patrol Officer",
     ("officer", "crisis intervention team")),
    ("Björn", "Åkesson", "bjorn.akesson", "", "", "", ("volunteer", "resident")),
]

FIRST_NAMES = _words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Daniel Lisa Matthew Nancy "
    "Anthony Betty Mark Sandra Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua "
    "Michelle Kenneth Carol Kevin Amanda Brian Melissa Timothy Deborah Ronald Stephanie "
    "Jamal Aaliyah DeShawn Keisha Marcus Tanisha Luis Rosa Carlos Ana Miguel Lucia Juan "
    "Carmen Wei Mei Hiroshi Yuki Priya Arjun Fatima Omar Aisha Hassan Olga Ivan Grace Samuel "
    "Tyrone Latoya Diego Valeria Kwame Ama Noah Olivia Liam Emma Ethan Ava Mateo Sofia"
)

LAST_NAMES = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
    "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
    "Roberts Patel Kim Chen Washington Okafor Mensah Kowalski Schneider Rossi Haddad Yamamoto "
    "Singh Abdullah Jefferson Brooks Bennett Coleman Price Hughes Foster Reyes Morales"
)

STREETS = (
    "Main St", "River Rd", "Oak Ave", "Elm St", "Washington Blvd", "Lincoln Ave", "Market St",
    "Church St", "Mill Rd", "Harbor Dr", "Northgate Pkwy", "Westfield Ave", "Maple St",
    "Cedar Ln", "Jefferson St", "Park Ave", "College Rd", "Union St", "Bridge St", "Lake Dr",
)

TITLES: dict[K, tuple[tuple[str, str], ...]] = {
    K.LAW_ENFORCEMENT: (
        ("Officer", "Patrol Officer"), ("Officer", "Patrol Officer"),
        ("Senior Officer", "Community Policing Officer"), ("Corporal", "Patrol Officer"),
        ("Sergeant", "Patrol Supervisor"), ("Detective", "Property Crimes Detective"),
        ("Lieutenant", "Watch Commander"), ("Deputy", "Patrol Deputy"),
    ),
    K.NONPROFIT: (
        ("Executive Director", "Executive Director"), ("Program Manager", "Program Manager"),
        ("Case Manager", "Case Manager"), ("Volunteer Coordinator", "Volunteer Coordinator"),
    ),
    K.SCHOOL: (
        ("Principal", "Principal"), ("Assistant Principal", "Assistant Principal"),
        ("School Counselor", "Counselor"), ("Dean of Students", "Dean of Students"),
    ),
    K.BUSINESS: (
        ("Owner", "Owner"), ("General Manager", "General Manager"),
        ("Loss Prevention Manager", "Loss Prevention"), ("Director", "Board Chair"),
    ),
    K.FAITH_BASED: (
        ("Pastor", "Pastor"), ("Imam", "Imam"), ("Rabbi", "Rabbi"),
        ("Outreach Minister", "Outreach Coordinator"),
    ),
    K.GOVERNMENT: (
        ("Program Coordinator", "Program Coordinator"), ("Director", "Department Director"),
        ("Probation Officer", "Probation Officer"), ("Inspector", "Code Inspector"),
    ),
    K.HEALTH: (
        ("LCSW", "Clinician"), ("Licensed Professional Counselor", "Clinician"),
        ("Peer Support Specialist", "Peer Support"), ("Nurse Manager", "Emergency Department"),
    ),
    K.RESIDENT_GROUP: (("", "Chair"), ("", "Secretary"), ("", "Treasurer")),
    K.OTHER: (("", "President"), ("", "Program Director")),
}

TAGS = (
    "officer", "school resource officer", "block captain", "volunteer",
    "mental health clinician", "crisis intervention team", "trainer", "youth mentor",
    "board member", "faith leader", "business owner", "resident", "crime analyst",
)
