"""Fictional seed data for Quorate: the Kestrel Vale Safeguarding Children Partnership.

Everything here is invented. Kestrel Vale is not a real place; the people, agencies,
venues and cases are fictional, and e-mail addresses use the reserved ``.example``
domain. Children appear only by pseudonym ("Child A", "Child B", ...) and
professionals in case items only by role and agency.

Pure data, no logic: a builder script inserts it through the store.
"Today" for this data set is 2026-11-27: meetings before it are closed with
minutes, meetings after it are planned with empty minutes.
"""

from __future__ import annotations

PARTNERSHIP = {
    "name": "Kestrel Vale Safeguarding Children Partnership",
    "classification": "OFFICIAL-SENSITIVE",
    "user_name": "Priya Raman",
    "quorum_members": 4,  # the board's and its sub-groups' quorum
}

AGENCIES = [
    # The three statutory safeguarding partners.
    {
        "key": "la",
        "name": "Kestrel Vale Council Children's Services",
        "short_name": "KVC",
        "kind": "local_authority",
        "statutory": True,
    },
    {
        "key": "icb",
        "name": "Kestrel Vale Integrated Care Board",
        "short_name": "KV ICB",
        "kind": "health",
        "statutory": True,
    },
    {
        "key": "police",
        "name": "Kestrel Vale Constabulary",
        "short_name": "KV Constabulary",
        "kind": "police",
        "statutory": True,
    },
    # Relevant agencies and the partnership's own business unit.
    {
        "key": "unit",
        "name": "Kestrel Vale Safeguarding Children Partnership Business Unit",
        "short_name": "KVSCP",
        "kind": "other",
        "statutory": False,
    },
    {
        "key": "schools",
        "name": "Kestrel Vale Schools, Colleges and Early Years",
        "short_name": "KV Education",
        "kind": "education",
        "statutory": False,
    },
    {
        "key": "trust",
        "name": "Kestrel Vale Hospitals NHS Foundation Trust",
        "short_name": "KVH NHS FT",
        "kind": "health",
        "statutory": False,
    },
    {
        "key": "mh-trust",
        "name": "Kestrel Vale Community and Mental Health NHS Trust",
        "short_name": "KVCMH NHS Trust",
        "kind": "health",
        "statutory": False,
    },
    {
        "key": "gp",
        "name": "Kestrel Vale Primary Care Network Alliance (GP practices)",
        "short_name": "KV Primary Care",
        "kind": "health",
        "statutory": False,
    },
    {
        "key": "probation",
        "name": "Probation Service, Kestrel Vale Delivery Unit",
        "short_name": "KV Probation",
        "kind": "other",
        "statutory": False,
    },
    {
        "key": "housing",
        "name": "Kestrel Vale Homes",
        "short_name": "KV Homes",
        "kind": "other",
        "statutory": False,
    },
    {
        "key": "voluntary",
        "name": "Kestrel Vale Council for Voluntary Service",
        "short_name": "KVCVS",
        "kind": "voluntary",
        "statutory": False,
    },
    {
        "key": "university",
        "name": "University of Kestrel Vale, School of Social Work",
        "short_name": "UKV",
        "kind": "other",
        "statutory": False,
    },
]

PEOPLE = [
    # Partnership business unit
    {
        "key": "chair",
        "name": "Helen Ashworth",
        "initials": "HA",
        "job_title": "Independent Chair and Scrutineer",
        "agency": "unit",
        "email": "h.ashworth@kvscp.example",
    },
    {
        "key": "bm",
        "name": "Priya Raman",
        "initials": "PR",
        "job_title": "Partnership Business Manager",
        "agency": "unit",
        "email": "p.raman@kvscp.example",
    },
    {
        "key": "minute-taker",
        "name": "Leanne Price",
        "initials": "LP",
        "job_title": "Partnership Administrator (minutes)",
        "agency": "unit",
        "email": "l.price@kvscp.example",
    },
    {
        "key": "qa-officer",
        "name": "Aisha Rahman",
        "initials": "AR",
        "job_title": "Quality Assurance and Performance Officer",
        "agency": "unit",
        "email": "a.rahman@kvscp.example",
    },
    # Local authority
    {
        "key": "lsp-la",
        "name": "Richard Fairbairn",
        "initials": "RF",
        "job_title": "Chief Executive, Kestrel Vale Council (Lead Safeguarding Partner)",
        "agency": "la",
        "email": "r.fairbairn@kestrelvale.example",
    },
    {
        "key": "dsp-la",
        "name": "Joanne Okafor",
        "initials": "JO",
        "job_title": "Director of Children's Services (Delegated Safeguarding Partner)",
        "agency": "la",
        "email": "j.okafor@kestrelvale.example",
    },
    {
        "key": "deputy-la",
        "name": "Claire Whitfield",
        "initials": "CW",
        "job_title": "Assistant Director, Safeguarding and Quality Assurance",
        "agency": "la",
        "email": "c.whitfield@kestrelvale.example",
    },
    {
        "key": "hos-csc",
        "name": "Michael Doyle",
        "initials": "MD",
        "job_title": "Head of Service, Children's Social Care (Front Door and Assessment)",
        "agency": "la",
        "email": "m.doyle@kestrelvale.example",
    },
    {
        "key": "lado",
        "name": "Kevin Shaw",
        "initials": "KS",
        "job_title": "Local Authority Designated Officer (LADO)",
        "agency": "la",
        "email": "k.shaw@kestrelvale.example",
    },
    {
        "key": "legal",
        "name": "Sarah Greenwood",
        "initials": "SG",
        "job_title": "Principal Solicitor, Children's Legal Services",
        "agency": "la",
        "email": "s.greenwood@kestrelvale.example",
    },
    # Integrated Care Board
    {
        "key": "lsp-icb",
        "name": "Abena Owusu",
        "initials": "AO",
        "job_title": "Chief Executive (Lead Safeguarding Partner)",
        "agency": "icb",
        "email": "abena.owusu@kvicb.example",
    },
    {
        "key": "dsp-icb",
        "name": "Siobhan Maguire",
        "initials": "SM",
        "job_title": "Chief Nurse (Delegated Safeguarding Partner)",
        "agency": "icb",
        "email": "siobhan.maguire@kvicb.example",
    },
    {
        "key": "deputy-icb",
        "name": "Daniel Brennan",
        "initials": "DB",
        "job_title": "Deputy Chief Nurse",
        "agency": "icb",
        "email": "daniel.brennan@kvicb.example",
    },
    {
        "key": "des-doctor",
        "name": "Dr Arjun Mehta",
        "initials": "AM",
        "job_title": "Designated Doctor for Safeguarding Children",
        "agency": "icb",
        "email": "arjun.mehta@kvicb.example",
    },
    {
        "key": "des-nurse",
        "name": "Fiona Campbell",
        "initials": "FC",
        "job_title": "Designated Nurse for Safeguarding Children",
        "agency": "icb",
        "email": "fiona.campbell@kvicb.example",
    },
    {
        "key": "cdr-coordinator",
        "name": "Hannah Lewis",
        "initials": "HL",
        "job_title": "Child Death Review Coordinator",
        "agency": "icb",
        "email": "hannah.lewis@kvicb.example",
    },
    # Police
    {
        "key": "lsp-police",
        "name": "Gareth Llewellyn",
        "initials": "GL",
        "job_title": "Chief Constable (Lead Safeguarding Partner)",
        "agency": "police",
        "email": None,
    },
    {
        "key": "dsp-police",
        "name": "Imran Qureshi",
        "initials": "IQ",
        "job_title": "Detective Chief Superintendent, Head of Public Protection (Delegated Safeguarding Partner)",
        "agency": "police",
        "email": "imran.qureshi@kvconstabulary.example",
    },
    {
        "key": "deputy-police",
        "name": "Natalie Osei",
        "initials": "NO",
        "job_title": "Detective Superintendent, Public Protection",
        "agency": "police",
        "email": "natalie.osei@kvconstabulary.example",
    },
    {
        "key": "di-cait",
        "name": "Lauren Fletcher",
        "initials": "LF",
        "job_title": "Detective Inspector, Child Abuse Investigation Team",
        "agency": "police",
        "email": "lauren.fletcher@kvconstabulary.example",
    },
    # Relevant agencies
    {
        "key": "head-teacher",
        "name": "Thomas Hartley",
        "initials": "TH",
        "job_title": "Head Teacher, Millbrook Primary School; Education Safeguarding Lead",
        "agency": "schools",
        "email": "head@millbrook-primary.example",
    },
    {
        "key": "early-years",
        "name": "Bethan Lloyd-Jones",
        "initials": "BLJ",
        "job_title": "Early Years Quality and Safeguarding Lead",
        "agency": "schools",
        "email": "b.lloyd-jones@kestrelvale.example",
    },
    {
        "key": "named-nurse",
        "name": "Rachel Kowalski",
        "initials": "RK",
        "job_title": "Named Nurse for Safeguarding Children",
        "agency": "trust",
        "email": "rachel.kowalski@kvh-nhs.example",
    },
    {
        "key": "mh-named",
        "name": "Chidi Eze",
        "initials": "CE",
        "job_title": "Named Professional for Safeguarding",
        "agency": "mh-trust",
        "email": "chidi.eze@kvcmh-nhs.example",
    },
    {
        "key": "gp-lead",
        "name": "Dr Samuel Nwosu",
        "initials": "SN",
        "job_title": "Named GP for Safeguarding Children",
        "agency": "gp",
        "email": "samuel.nwosu@kvprimarycare.example",
    },
    {
        "key": "probation",
        "name": "Owen Pritchard",
        "initials": "OP",
        "job_title": "Head of Probation Delivery Unit",
        "agency": "probation",
        "email": None,
    },
    {
        "key": "housing",
        "name": "Yasmin Begum",
        "initials": "YB",
        "job_title": "Head of Housing and Tenancy Support",
        "agency": "housing",
        "email": "y.begum@kvhomes.example",
    },
    {
        "key": "vcs-lead",
        "name": "Grace Adeyemi",
        "initials": "GA",
        "job_title": "Chief Executive, Kestrel Vale Council for Voluntary Service",
        "agency": "voluntary",
        "email": "grace@kvcvs.example",
    },
    {
        "key": "researcher",
        "name": "Dr Eleanor Marsh",
        "initials": "EM",
        "job_title": "Senior Lecturer in Social Work",
        "agency": "university",
        "email": None,
    },
]

MEETINGS = [
    # ------------------------------------------------------------------
    # Partnership Board, June 2026 (closed)
    # ------------------------------------------------------------------
    {
        "key": "board-2026-06",
        "title": "Safeguarding Children Partnership Board",
        "kind": "partnership_board",
        "series": "partnership-board",
        "date": "2026-06-25",
        "start": "14:00",
        "location": "Council Chamber, Kestrel Vale Civic Centre",
        "chair": "chair",
        "status": "closed",
        "quorum_members": 4,
        "items": [
            {
                "title": "Welcome, introductions and apologies",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "HA welcomed members, in particular YB, attending her first Board as the "
                    "Kestrel Vale Homes representative.\n\n"
                    "Apologies were received from SM (DB deputising), GA and OP. "
                    "The meeting was quorate."
                ),
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "TH declared an interest in item 7 (elective home education), as head teacher "
                    "of a school included in the data. He took part in the discussion but not in "
                    "agreeing the recommendations. No other declarations were made."
                ),
            },
            {
                "title": "Minutes of the previous meeting",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "The minutes of the meeting held on 19 March 2026 were agreed as an accurate "
                    "record, subject to correcting BLJ's job title."
                ),
            },
            {
                "title": "Matters arising and the action log",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 10,
                "minutes": (
                    "PR took the Board through the action log. Of nine open actions, six were "
                    "closed, two re-dated and one remains red:\n\n"
                    "- BRD-24 (housing representation on the Board): closed; YB has joined.\n"
                    "- BRD-27 (evaluation of the multi-agency training offer): re-dated to "
                    "30 September 2026 (AR).\n"
                    "- BRD-29 (refresh of the resolution of professional disagreements policy): "
                    "red, awaiting police comments. IQ agreed to respond by 10 July 2026."
                ),
            },
            {
                "title": "Partnership priorities 2026-27",
                "purpose": "decision",
                "presenter": "dsp-la",
                "planned_minutes": 25,
                "minutes": (
                    "JO presented the proposed priorities, drawn from the annual self-assessment, "
                    "the learning from reviews and the views of the Youth Forum: neglect; child "
                    "exploitation and harm outside the home; and safeguarding infants, including "
                    "adults in the household who are not known to services.\n\n"
                    "Members discussed whether children's emotional wellbeing should be a fourth "
                    "priority. CE, and GA in written comments, supported this; the Board preferred "
                    "to treat it as a theme running through all three.\n\n"
                    "**Decision:** the three priorities were agreed, with emotional wellbeing as "
                    "a cross-cutting theme.\n\n"
                    "**Action:** PR to publish a one-page summary of the priorities on the "
                    "partnership website by 31 July 2026."
                ),
            },
            {
                "title": "Sub-group chairs' reports",
                "purpose": "information",
                "presenter": "bm",
                "planned_minutes": 15,
                "minutes": (
                    "The Board received the written reports of the sub-groups:\n\n"
                    "- Quality Assurance and Performance (FC): the neglect multi-agency audit "
                    "is under way, with 12 cases selected; results to the October meeting.\n"
                    "- Learning and Development: 640 practitioners attended partnership "
                    "training in 2025-26; evaluation returns remain low.\n"
                    "- Child Exploitation: the risk assessment tool has been revised and is "
                    "in use at the multi-agency child exploitation meeting.\n\n"
                    "The reports were noted."
                ),
            },
            {
                "title": "Education safeguarding: attendance and elective home education",
                "purpose": "discussion",
                "presenter": "head-teacher",
                "planned_minutes": 20,
                "minutes": (
                    "TH presented data on persistent absence and elective home education (EHE). "
                    "The number of children registered as EHE has risen by 18% in a year; "
                    "around one in five of them are known to children's social care.\n\n"
                    "Members discussed how schools, health visitors and school nurses share "
                    "information when a child is removed from roll. RK noted that the school "
                    "nursing service is not routinely told.\n\n"
                    "**Action:** TH and BLJ to propose a notification pathway for children "
                    "leaving school rolls, for the December Board."
                ),
            },
            {
                "title": "Housing and homelessness: families in temporary accommodation",
                "purpose": "discussion",
                "presenter": "housing",
                "planned_minutes": 15,
                "minutes": (
                    "YB described the pressures on temporary accommodation: 212 households with "
                    "children, 38 of them placed outside Kestrel Vale. Out-of-area placements "
                    "disrupt school places and GP registration.\n\n"
                    "SN offered to circulate guidance to GP practices on registering families "
                    "in temporary accommodation. The Board asked for an update on out-of-area "
                    "notifications to receiving areas at its next meeting."
                ),
            },
            {
                "title": "Any other business",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "DB informed the Board that the ICB safeguarding team restructure has been "
                    "completed with no reduction in designated professional capacity. "
                    "No other business."
                ),
            },
            {
                "title": "Date of next meeting",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "The Board meets twice a year. Next meeting: Thursday 10 December 2026, "
                    "14:00, Council Chamber, Kestrel Vale Civic Centre."
                ),
            },
        ],
        "attendance": [
            {"person": "chair", "status": "present", "deputy": None},
            {"person": "bm", "status": "present", "deputy": None},
            {"person": "dsp-la", "status": "present", "deputy": None},
            {"person": "dsp-icb", "status": "apologies", "deputy": "deputy-icb"},
            {"person": "dsp-police", "status": "present", "deputy": None},
            {"person": "des-nurse", "status": "present", "deputy": None},
            {"person": "des-doctor", "status": "absent", "deputy": None},
            {"person": "head-teacher", "status": "present", "deputy": None},
            {"person": "early-years", "status": "present", "deputy": None},
            {"person": "named-nurse", "status": "present", "deputy": None},
            {"person": "mh-named", "status": "present", "deputy": None},
            {"person": "gp-lead", "status": "present", "deputy": None},
            {"person": "housing", "status": "present", "deputy": None},
            {"person": "vcs-lead", "status": "apologies", "deputy": None},
            {"person": "probation", "status": "apologies", "deputy": None},
            {"person": "minute-taker", "status": "in_attendance", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Executive, July 2026 (closed)
    # ------------------------------------------------------------------
    {
        "key": "exec-2026-07",
        "title": "Safeguarding Partners Executive",
        "kind": "executive",
        "series": "executive",
        "date": "2026-07-16",
        "start": "10:00",
        "location": "Committee Room 2, Kestrel Vale Civic Centre",
        "chair": "chair",
        "status": "closed",
        "quorum_members": None,
        "items": [
            {
                "title": "Welcome, introductions and apologies",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "HA welcomed members. Apologies were received from RF and GL (both "
                    "represented by their delegated safeguarding partners, JO and IQ) and from "
                    "SM (DB deputising).\n\n"
                    "The meeting was quorate: the local authority, ICB and police were each "
                    "represented."
                ),
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "None declared.",
            },
            {
                "title": "Minutes of the previous meeting",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "The minutes of the meeting held on 14 May 2026 were agreed as an accurate "
                    "record."
                ),
            },
            {
                "title": "Matters arising and the action log",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 15,
                "minutes": (
                    "PR reviewed the open actions:\n\n"
                    "- EX-26-08 (ICB to confirm designated doctor sessions for 2026-27): "
                    "done; closed.\n"
                    "- EX-26-10 (police comments on the escalation policy): in progress; IQ "
                    "confirmed comments will be sent by 24 July. RAG amber.\n"
                    "- EX-26-11 (data-sharing agreement for the performance dashboard): red; "
                    "the police information governance review is outstanding. Re-dated to "
                    "11 September 2026.\n\n"
                    "All other actions are on track."
                ),
            },
            {
                "title": "Annual Report 2025-26: first draft",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 20,
                "minutes": (
                    "PR presented the first draft of the yearly report, which sets out what the "
                    "partnership has done, its impact on children, and the scrutineer's "
                    "assessment.\n\n"
                    "Members asked for more on impact and less on activity, in particular the "
                    "outcomes of the two learning reviews completed in the year, and for the "
                    "voice of children to be drawn from the Youth Forum rather than summarised.\n\n"
                    "**Action:** partners to send comments to PR by 14 August 2026; final draft "
                    "to the September Executive for sign-off."
                ),
            },
            {
                "title": "Neglect Strategy 2026-2029: consultation outcome and sign-off",
                "purpose": "decision",
                "presenter": "deputy-la",
                "planned_minutes": 25,
                "minutes": (
                    "CW summarised the consultation: 143 responses from practitioners, 22 from "
                    "parents and carers and a session with the Youth Forum. The main change is a "
                    "stronger emphasis on early help and on the neglect screening tool being "
                    "used consistently by all agencies.\n\n"
                    "IQ asked how the strategy will be measured. CW confirmed that the "
                    "Quality Assurance and Performance Sub-group will own a short set of "
                    "measures, reported quarterly.\n\n"
                    "**Decision:** the Neglect Strategy 2026-2029 was approved for "
                    "publication.\n\n"
                    "**Action:** CW to bring the implementation plan, including a multi-agency "
                    "learning event, to the September Executive."
                ),
            },
            {
                "title": "Partner financial contributions 2026-27",
                "purpose": "decision",
                "presenter": "dsp-la",
                "planned_minutes": 20,
                "minutes": (
                    "JO presented the 2026-27 budget of GBP 412,000 and the proposed shares:\n\n"
                    "- Kestrel Vale Council: GBP 185,400 (45%)\n"
                    "- Kestrel Vale ICB: GBP 123,600 (30%)\n"
                    "- Kestrel Vale Constabulary: GBP 82,400 (20%)\n"
                    "- Relevant agencies (probation, KV Homes, NHS trusts): GBP 20,600 (5%)\n\n"
                    "IQ noted that the police contribution requires the Police and Crime "
                    "Commissioner's confirmation, expected in August. DB confirmed the ICB "
                    "share.\n\n"
                    "**Decision:** the budget and contribution shares were agreed, subject to "
                    "the police confirmation."
                ),
            },
            {
                "title": "Open escalations (resolution of professional disagreements)",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 10,
                "minutes": (
                    "HA reported four open escalations: two at stage 2 (thresholds for "
                    "strategy discussions), one at stage 3 (information sharing between "
                    "health and children's social care) and one at stage 4, which HA is "
                    "reviewing as scrutineer. No escalation is beyond its time limit.\n\n"
                    "HA noted that three of the four concern the front door threshold and "
                    "asked MD's service to present its threshold audit in the autumn."
                ),
            },
            {
                "title": "Any other business",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "AM raised the capacity of the paediatric child protection medical rota "
                    "over the summer. DB to confirm cover arrangements to members by e-mail."
                ),
            },
            {
                "title": "Date of next meeting",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "Thursday 17 September 2026, 10:00, Kingfisher Suite, Kestrel Vale "
                    "Constabulary Headquarters."
                ),
            },
        ],
        "attendance": [
            {"person": "chair", "status": "present", "deputy": None},
            {"person": "lsp-la", "status": "apologies", "deputy": None},
            {"person": "dsp-la", "status": "present", "deputy": None},
            {"person": "lsp-icb", "status": "present", "deputy": None},
            {"person": "dsp-icb", "status": "apologies", "deputy": "deputy-icb"},
            {"person": "lsp-police", "status": "apologies", "deputy": None},
            {"person": "dsp-police", "status": "present", "deputy": None},
            {"person": "bm", "status": "present", "deputy": None},
            {"person": "des-doctor", "status": "present", "deputy": None},
            {"person": "des-nurse", "status": "present", "deputy": None},
            {"person": "deputy-la", "status": "in_attendance", "deputy": None},
            {"person": "minute-taker", "status": "in_attendance", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Rapid review, Child A (closed)
    # ------------------------------------------------------------------
    {
        "key": "rr-2026-08-child-a",
        "title": "Rapid Review: Child A",
        "kind": "rapid_review",
        "series": "rapid-review",
        "date": "2026-08-05",
        "start": "14:00",
        "location": "Microsoft Teams",
        "chair": "chair",
        "status": "closed",
        "quorum_members": None,
        "items": [
            {
                "title": "Welcome, introductions and confidentiality",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "HA welcomed participants and reminded them that the meeting and its record "
                    "are OFFICIAL-SENSITIVE. The child is referred to only as Child A "
                    "(partnership reference RR-2026-01).\n\n"
                    "The Serious Incident Notification was sent on Friday 24 July 2026; this "
                    "meeting is held on working day 8 and the review is due to be completed by "
                    "14 August 2026. The meeting was quorate: CW (local authority), FC (ICB) "
                    "and LF (police)."
                ),
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "RK noted that the referral was made by the Trust's paediatric team. This "
                    "was recorded; it does not prevent her taking part."
                ),
            },
            {
                "title": "Case summary and background",
                "purpose": "information",
                "presenter": "hos-csc",
                "planned_minutes": 15,
                "minutes": (
                    "MD summarised the case. Child A, aged 6, was admitted to hospital in July "
                    "2026 with faltering growth, untreated dental decay and an infected wound; "
                    "the paediatric assessment concluded that the presentation was consistent "
                    "with chronic neglect. Child A has two younger siblings.\n\n"
                    "The family had been open to children's social care on a child in need plan "
                    "from June 2025 to January 2026, when the case was closed to early help. "
                    "Early help contact lapsed in March 2026 after the family moved within the "
                    "borough."
                ),
            },
            {
                "title": "Agency returns and key practice episodes",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 30,
                "minutes": (
                    "PR confirmed that returns were received from seven agencies, all by "
                    "working day 5 except primary care (working day 6). The key practice "
                    "episodes identified were:\n\n"
                    "- closure of the child in need plan without a multi-agency review of "
                    "whether the plan had achieved change;\n"
                    "- a school attendance of 71% over the spring term, followed up by the "
                    "school's designated safeguarding lead but not shared with health;\n"
                    "- two missed dental appointments and one missed health visitor contact "
                    "for a sibling, each closed as 'was not brought' without escalation;\n"
                    "- the family's move, after which the early help worker's letters went to "
                    "the old address.\n\n"
                    "Participants agreed the neglect screening tool was not used by any agency "
                    "after January 2026."
                ),
            },
            {
                "title": "Immediate actions to keep children safe",
                "purpose": "decision",
                "presenter": "deputy-la",
                "planned_minutes": 10,
                "minutes": (
                    "CW confirmed that a strategy discussion was held on the day of admission. "
                    "Child A and both siblings are now subject to child protection plans and "
                    "are living with a relative under a safety plan.\n\n"
                    "**Decision / actions:**\n\n"
                    "- RR-01/1: CW to audit all child in need closures to early help in the "
                    "last six months for a multi-agency review step (due 30 September 2026).\n"
                    "- RR-01/2: FC and SN to issue a 'was not brought' reminder to health "
                    "providers and GP practices (due 21 August 2026)."
                ),
            },
            {
                "title": "Good practice, learning, and the impact of inequality and disability",
                "purpose": "discussion",
                "presenter": "chair",
                "planned_minutes": 20,
                "minutes": (
                    "Good practice: the school's designated safeguarding lead persisted in "
                    "home visits, and the ward nursing team recorded Child A's own account "
                    "carefully.\n\n"
                    "Participants considered the family's circumstances: a parent with a "
                    "learning disability, financial hardship and poor housing. HA asked "
                    "whether services had adapted their communication to the parent's needs; "
                    "the returns suggest they had not, and that written letters were the main "
                    "means of contact. Participants found no evidence that ethnicity or "
                    "culture influenced the response, but noted that no agency recorded it."
                ),
            },
            {
                "title": "Parallel processes",
                "purpose": "information",
                "presenter": "di-cait",
                "planned_minutes": 5,
                "minutes": (
                    "LF confirmed a police investigation into child neglect is ongoing; the "
                    "CPS has not yet been consulted. The review will not seek accounts from "
                    "the parents until the police agree. No coroner, domestic homicide, adult "
                    "review or LADO process applies."
                ),
            },
            {
                "title": "Decision on a Local Child Safeguarding Practice Review",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 15,
                "minutes": (
                    "Participants considered the criteria. The case highlights improvements "
                    "needed, some identified before in the partnership's 2024 neglect audit "
                    "(a); recurrent themes of neglect, 'was not brought' and case closure "
                    "(b); and concerns about agencies working together (c).\n\n"
                    "**Decision:** to recommend to the safeguarding partners that an LCSPR is "
                    "undertaken. The learning is significant locally but is not thought to "
                    "meet the criteria for a national review."
                ),
            },
            {
                "title": "Next steps and sign-off",
                "purpose": "decision",
                "presenter": "bm",
                "planned_minutes": 5,
                "minutes": (
                    "PR to complete the rapid review template and send it, with the partners' "
                    "sign-off, to the national Panel by Friday 7 August 2026 (working day 10), "
                    "and to tell agencies the outcome. JO, SM and IQ to sign off on behalf of "
                    "the safeguarding partners."
                ),
            },
        ],
        "attendance": [
            {"person": "chair", "status": "present", "deputy": None},
            {"person": "bm", "status": "present", "deputy": None},
            {"person": "deputy-la", "status": "present", "deputy": None},
            {"person": "hos-csc", "status": "present", "deputy": None},
            {"person": "des-nurse", "status": "present", "deputy": None},
            {"person": "di-cait", "status": "present", "deputy": None},
            {"person": "named-nurse", "status": "present", "deputy": None},
            {"person": "gp-lead", "status": "present", "deputy": None},
            {"person": "head-teacher", "status": "in_attendance", "deputy": None},
            {"person": "des-doctor", "status": "apologies", "deputy": None},
            {"person": "minute-taker", "status": "in_attendance", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Executive, September 2026 (closed)
    # ------------------------------------------------------------------
    {
        "key": "exec-2026-09",
        "title": "Safeguarding Partners Executive",
        "kind": "executive",
        "series": "executive",
        "date": "2026-09-17",
        "start": "10:00",
        "location": "Kingfisher Suite, Kestrel Vale Constabulary Headquarters",
        "chair": "chair",
        "status": "closed",
        "quorum_members": None,
        "items": [
            {
                "title": "Welcome, introductions and apologies",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "HA welcomed members. Apologies were received from IQ (NO deputising) and "
                    "AM. AO and GL were not present.\n\n"
                    "The meeting was quorate: the local authority, ICB and police were each "
                    "represented."
                ),
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "RF declared an interest in item 6: the proposed lead reviewer for the "
                    "Child A LCSPR has previously undertaken commissioned work for the "
                    "Council. Members agreed this did not prevent the appointment; RF took "
                    "no part in the decision."
                ),
            },
            {
                "title": "Minutes of the previous meeting",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "The minutes of the meeting held on 16 July 2026 were agreed as an accurate "
                    "record."
                ),
            },
            {
                "title": "Matters arising and the action log",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 15,
                "minutes": (
                    "- EX-26-10 (police comments on the escalation policy): done; the revised "
                    "policy goes to the December Board. Closed.\n"
                    "- EX-26-11 (data-sharing agreement for the dashboard): signed on "
                    "9 September 2026. Closed.\n"
                    "- EX-26-14 (ICB paediatric medical rota cover): done. Closed.\n"
                    "- EX-26-15 (police contribution 2026-27): NO confirmed the Police and "
                    "Crime Commissioner has approved GBP 82,400. Closed.\n\n"
                    "RR-01/1 (audit of child in need closures) is in progress and due "
                    "30 September; CW reported 41 of 58 cases reviewed."
                ),
            },
            {
                "title": "Annual Report 2025-26: final for sign-off",
                "purpose": "decision",
                "presenter": "bm",
                "planned_minutes": 20,
                "minutes": (
                    "PR presented the final draft, revised after partners' comments. HA "
                    "summarised the scrutineer's assessment: effective joint working at "
                    "strategic level, but evidence of impact on children remains thin in "
                    "neglect and in harm outside the home.\n\n"
                    "**Decision:** the Annual Report 2025-26 was approved. RF, SM (for AO) and "
                    "NO (for GL) to sign on behalf of the lead safeguarding partners by "
                    "25 September; PR to publish by 30 September 2026 and send it to the "
                    "national Panel and the What Works centre."
                ),
            },
            {
                "title": "Rapid Review Child A: outcome, Panel response and LCSPR commissioning",
                "purpose": "decision",
                "presenter": "dsp-la",
                "planned_minutes": 25,
                "minutes": (
                    "JO reported that the rapid review for Child A was completed on working "
                    "day 10 and sent to the national Panel on 7 August 2026. The Panel "
                    "replied on 3 September 2026, agreeing that an LCSPR should be "
                    "undertaken.\n\n"
                    "Members considered draft terms of reference: the period from June 2025 "
                    "to July 2026; key lines of enquiry on case closure, 'was not brought', "
                    "and communication with a parent with a learning disability. NO asked "
                    "that the police investigation timetable be built in.\n\n"
                    "**Decision:** the terms of reference and the appointment of an "
                    "independent lead reviewer were approved. The review should be published "
                    "within six months of its start (by April 2027), subject to the "
                    "criminal process."
                ),
            },
            {
                "title": "Neglect Strategy: implementation plan and learning event",
                "purpose": "discussion",
                "presenter": "deputy-la",
                "planned_minutes": 20,
                "minutes": (
                    "CW presented the implementation plan. Its first milestones are the "
                    "relaunch of the neglect screening tool in November and a multi-agency "
                    "learning event on effective implementation in January 2027, drawing on "
                    "the University of Kestrel Vale's evaluation of the previous strategy.\n\n"
                    "Members supported the plan and asked that the Child A learning be "
                    "included in the event.\n\n"
                    "**Action:** PR to book a venue and issue invitations for 21 January 2027."
                ),
            },
            {
                "title": "Quarterly performance dashboard, Q1 2026-27",
                "purpose": "information",
                "presenter": "qa-officer",
                "planned_minutes": 15,
                "minutes": (
                    "AR presented the Q1 dashboard. Points of note:\n\n"
                    "- re-referrals to children's social care within 12 months rose to 24% "
                    "(target 20%);\n"
                    "- initial child protection conferences held within 15 working days: "
                    "83%;\n"
                    "- police attendance at strategy discussions: 97%;\n"
                    "- health attendance at initial conferences: 78%, a decline.\n\n"
                    "SM undertook to look into the fall in health attendance. The dashboard "
                    "was noted."
                ),
            },
            {
                "title": "Any other business",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "None.",
            },
            {
                "title": "Date of next meeting",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "Thursday 19 November 2026, 10:00, Committee Room 2, Kestrel Vale Civic Centre."
                ),
            },
        ],
        "attendance": [
            {"person": "chair", "status": "present", "deputy": None},
            {"person": "lsp-la", "status": "present", "deputy": None},
            {"person": "dsp-la", "status": "present", "deputy": None},
            {"person": "lsp-icb", "status": "absent", "deputy": None},
            {"person": "dsp-icb", "status": "present", "deputy": None},
            {"person": "lsp-police", "status": "absent", "deputy": None},
            {"person": "dsp-police", "status": "apologies", "deputy": "deputy-police"},
            {"person": "bm", "status": "present", "deputy": None},
            {"person": "des-doctor", "status": "apologies", "deputy": None},
            {"person": "des-nurse", "status": "present", "deputy": None},
            {"person": "deputy-la", "status": "in_attendance", "deputy": None},
            {"person": "qa-officer", "status": "in_attendance", "deputy": None},
            {"person": "minute-taker", "status": "in_attendance", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Quality Assurance and Performance Sub-group, October 2026 (closed)
    # ------------------------------------------------------------------
    {
        "key": "qap-2026-10",
        "title": "Quality Assurance and Performance Sub-group",
        "kind": "sub_group",
        "series": "qap-subgroup",
        "date": "2026-10-08",
        "start": "13:30",
        "location": "Microsoft Teams",
        "chair": "des-nurse",
        "status": "closed",
        "quorum_members": 4,
        "items": [
            {
                "title": "Welcome, introductions and apologies",
                "purpose": "information",
                "presenter": "des-nurse",
                "planned_minutes": 5,
                "minutes": (
                    "FC welcomed members. Apologies were received from NO (LF deputising) and "
                    "TH. CE was not present. The meeting was quorate."
                ),
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "des-nurse",
                "planned_minutes": 5,
                "minutes": "None declared.",
            },
            {
                "title": "Minutes of the previous meeting",
                "purpose": "decision",
                "presenter": "des-nurse",
                "planned_minutes": 5,
                "minutes": (
                    "The minutes of the meeting held on 9 July 2026 were agreed as an accurate "
                    "record."
                ),
            },
            {
                "title": "Matters arising and the action log",
                "purpose": "discussion",
                "presenter": "qa-officer",
                "planned_minutes": 10,
                "minutes": (
                    "- QA-26-04 (add early help measures to the dashboard): done. Closed.\n"
                    "- QA-26-06 (Section 11 returns chased): in progress; two agencies "
                    "outstanding. Re-dated to 31 October 2026.\n"
                    "- QA-26-07 (audit tool for the neglect audit): done. Closed."
                ),
            },
            {
                "title": "Performance dashboard Q1 2026-27: exceptions",
                "purpose": "discussion",
                "presenter": "qa-officer",
                "planned_minutes": 20,
                "minutes": (
                    "AR took members through the exceptions reported to the Executive. On "
                    "re-referrals, CW reported that a sample of 30 showed most were new "
                    "concerns after early help closure, echoing the Child A rapid review.\n\n"
                    "On health attendance at initial conferences, RK explained that short "
                    "notice invitations account for most gaps.\n\n"
                    "**Action:** CW and RK to agree a minimum notice standard for conference "
                    "invitations (due 30 November 2026)."
                ),
            },
            {
                "title": "Multi-agency audit: neglect (findings and recommendations)",
                "purpose": "decision",
                "presenter": "deputy-la",
                "planned_minutes": 30,
                "minutes": (
                    "CW presented the findings of the audit of 12 cases where neglect was the "
                    "primary concern:\n\n"
                    "- the neglect screening tool was used in 4 of 12 cases;\n"
                    "- in 7 cases the child's lived experience was well described;\n"
                    "- drift was identified in 5 cases, mostly at step-down from child in need;\n"
                    "- fathers and male carers were engaged in only 3 cases.\n\n"
                    "**Decision:** the sub-group agreed the four recommendations and asked "
                    "that they be reported to the Executive and built into the January "
                    "learning event. Re-audit of the same themes in six months."
                ),
            },
            {
                "title": "Section 11 and Section 175 self-assessments: 2026 returns",
                "purpose": "information",
                "presenter": "bm",
                "planned_minutes": 15,
                "minutes": (
                    "PR reported that 14 of 16 agencies have returned their Section 11 "
                    "self-assessments and 61 of 64 schools their Section 175 audits. The "
                    "most common area rated amber is supervision of staff working with "
                    "children. Challenge sessions will be held in November."
                ),
            },
            {
                "title": "Learning hub cycle: infants and adults unknown to services (scoping)",
                "purpose": "discussion",
                "presenter": "des-nurse",
                "planned_minutes": 15,
                "minutes": (
                    "FC introduced the scoping of the next four-month learning hub cycle on "
                    "the partnership priority of safeguarding infants, including adults in "
                    "the household who are not known to services. Members agreed the "
                    "scoping questions and that feedback from fathers should be sought "
                    "through the voluntary sector. GA offered the KVCVS family network."
                ),
            },
            {
                "title": "Any other business",
                "purpose": "information",
                "presenter": "des-nurse",
                "planned_minutes": 5,
                "minutes": "None.",
            },
            {
                "title": "Date of next meeting",
                "purpose": "information",
                "presenter": "des-nurse",
                "planned_minutes": 5,
                "minutes": "Thursday 7 January 2027, 13:30, Microsoft Teams.",
            },
        ],
        "attendance": [
            {"person": "des-nurse", "status": "present", "deputy": None},
            {"person": "qa-officer", "status": "present", "deputy": None},
            {"person": "bm", "status": "present", "deputy": None},
            {"person": "deputy-la", "status": "present", "deputy": None},
            {"person": "deputy-police", "status": "apologies", "deputy": "di-cait"},
            {"person": "named-nurse", "status": "present", "deputy": None},
            {"person": "gp-lead", "status": "present", "deputy": None},
            {"person": "early-years", "status": "present", "deputy": None},
            {"person": "vcs-lead", "status": "present", "deputy": None},
            {"person": "head-teacher", "status": "apologies", "deputy": None},
            {"person": "mh-named", "status": "absent", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Rapid review, Child B (closed)
    # ------------------------------------------------------------------
    {
        "key": "rr-2026-10-child-b",
        "title": "Rapid Review: Child B",
        "kind": "rapid_review",
        "series": "rapid-review",
        "date": "2026-10-21",
        "start": "10:00",
        "location": "Board Room, Harrier House, Kestrel Vale",
        "chair": "chair",
        "status": "closed",
        "quorum_members": None,
        "items": [
            {
                "title": "Welcome, introductions and confidentiality",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "HA welcomed participants and reminded them that the meeting and its record "
                    "are OFFICIAL-SENSITIVE. The child is referred to only as Child B "
                    "(partnership reference RR-2026-02).\n\n"
                    "The Serious Incident Notification was sent on Friday 9 October 2026; this "
                    "meeting is held on working day 8 and the review is due by 30 October "
                    "2026. CW sent apologies, with MD attending for the local authority. The "
                    "meeting was quorate: MD (local authority), FC (ICB) and LF (police)."
                ),
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "None declared.",
            },
            {
                "title": "Case summary and background",
                "purpose": "information",
                "presenter": "hos-csc",
                "planned_minutes": 15,
                "minutes": (
                    "MD summarised the case. Child B, aged 9 months, was brought to the "
                    "emergency department in early October 2026 with a head injury; the "
                    "explanation given was not consistent with the injury. Child B is in "
                    "hospital and expected to recover, with possible long-term effects.\n\n"
                    "Child B lived with their mother and her partner. The family was not open "
                    "to children's social care. The mother's partner was not known to the "
                    "health visiting service or the GP practice as a member of the household."
                ),
            },
            {
                "title": "Agency returns and key practice episodes",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 30,
                "minutes": (
                    "PR confirmed that returns were received from eight agencies, all by "
                    "working day 5. Key practice episodes:\n\n"
                    "- the health visitor's new-birth and 6-8 week contacts recorded the "
                    "mother as a single parent;\n"
                    "- the partner was subject to probation supervision for an offence of "
                    "violence against a previous partner; the probation practitioner's home "
                    "circumstances check did not identify the presence of an infant;\n"
                    "- a police attendance at a verbal argument in August 2026 was recorded "
                    "as a standard-risk domestic incident; the infant was noted but no "
                    "notification was made to children's social care;\n"
                    "- the mother was referred to the perinatal mental health team, which "
                    "held one appointment."
                ),
            },
            {
                "title": "Immediate actions to keep children safe",
                "purpose": "decision",
                "presenter": "hos-csc",
                "planned_minutes": 10,
                "minutes": (
                    "MD confirmed that Child B is subject to an interim care order and there "
                    "are no other children in the household. LF confirmed that the partner is "
                    "on bail with conditions not to contact the mother or child.\n\n"
                    "**Actions:**\n\n"
                    "- RR-02/1: NO to confirm that domestic incidents where an infant is "
                    "present are notified to children's social care (due 6 November 2026).\n"
                    "- RR-02/2: OP to remind probation practitioners to confirm children in "
                    "the household with health and children's social care at home checks "
                    "(due 6 November 2026)."
                ),
            },
            {
                "title": "Good practice, learning, and the impact of inequality and disability",
                "purpose": "discussion",
                "presenter": "chair",
                "planned_minutes": 20,
                "minutes": (
                    "Good practice: the emergency department nurse recognised the mismatch "
                    "between the account and the injury promptly, and the strategy discussion "
                    "was held within four hours.\n\n"
                    "The learning concerns adults in the household who are unknown to "
                    "services, and information held by adult-facing agencies that does not "
                    "reach those working with the child. Participants considered poverty, "
                    "the mother's age (19) and her mental health; they found no evidence that "
                    "race or disability shaped the response, while noting that the returns "
                    "recorded ethnicity inconsistently."
                ),
            },
            {
                "title": "Parallel processes",
                "purpose": "information",
                "presenter": "di-cait",
                "planned_minutes": 5,
                "minutes": (
                    "LF confirmed a police investigation is under way. Family court "
                    "proceedings have started. No coroner, child death review, domestic "
                    "homicide, adult review or LADO process applies."
                ),
            },
            {
                "title": "Decision on a Local Child Safeguarding Practice Review",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 15,
                "minutes": (
                    "Participants considered the criteria. The case highlights improvements "
                    "needed (a) and concerns about agencies working together (c), but the "
                    "learning is well established nationally and is already the subject of "
                    "the partnership's current learning hub cycle on infants and adults "
                    "unknown to services.\n\n"
                    "**Decision:** an LCSPR is not recommended. The learning will be taken "
                    "forward through the learning hub cycle, with a practitioner learning "
                    "session and a seven-minute briefing, and reported to the Executive. The "
                    "case does not meet the criteria for a national review."
                ),
            },
            {
                "title": "Next steps and sign-off",
                "purpose": "decision",
                "presenter": "bm",
                "planned_minutes": 5,
                "minutes": (
                    "PR to complete the template and send it with the partners' sign-off to "
                    "the national Panel by Friday 23 October 2026 (working day 10), and tell "
                    "agencies the outcome. JO, SM and IQ to sign off."
                ),
            },
        ],
        "attendance": [
            {"person": "chair", "status": "present", "deputy": None},
            {"person": "bm", "status": "present", "deputy": None},
            {"person": "deputy-la", "status": "apologies", "deputy": "hos-csc"},
            {"person": "des-nurse", "status": "present", "deputy": None},
            {"person": "des-doctor", "status": "present", "deputy": None},
            {"person": "di-cait", "status": "present", "deputy": None},
            {"person": "named-nurse", "status": "present", "deputy": None},
            {"person": "mh-named", "status": "present", "deputy": None},
            {"person": "gp-lead", "status": "present", "deputy": None},
            {"person": "probation", "status": "present", "deputy": None},
            {"person": "minute-taker", "status": "in_attendance", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Child Death Overview Panel, November 2026 (closed)
    # ------------------------------------------------------------------
    {
        "key": "cdop-2026-11",
        "title": "Child Death Overview Panel",
        "kind": "child_death_review",
        "series": "cdop",
        "date": "2026-11-05",
        "start": "09:30",
        "location": "Microsoft Teams",
        "chair": "des-doctor",
        "status": "closed",
        "quorum_members": None,
        "items": [
            {
                "title": "Welcome, introductions and apologies",
                "purpose": "information",
                "presenter": "des-doctor",
                "planned_minutes": 5,
                "minutes": (
                    "AM welcomed members. Apologies were received from SN. The panel was "
                    "quorate, with the local authority (CW) and the ICB (FC) represented."
                ),
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "des-doctor",
                "planned_minutes": 5,
                "minutes": (
                    "RK declared that she had been involved as named nurse after the death of "
                    "Child D. She gave information but took no part in categorising that case."
                ),
            },
            {
                "title": "Minutes of the previous meeting",
                "purpose": "decision",
                "presenter": "des-doctor",
                "planned_minutes": 5,
                "minutes": (
                    "The minutes of the meeting held on 6 August 2026 were agreed as an "
                    "accurate record."
                ),
            },
            {
                "title": "Matters arising and the action log",
                "purpose": "discussion",
                "presenter": "cdr-coordinator",
                "planned_minutes": 10,
                "minutes": (
                    "- CD-26-03 (safe sleep messages in the new-birth pack): done. Closed.\n"
                    "- CD-26-05 (asthma review recall audit in primary care): in progress; "
                    "SN's written update was noted. Re-dated to 31 January 2027."
                ),
            },
            {
                "title": "Notifications of child deaths since the last panel",
                "purpose": "information",
                "presenter": "cdr-coordinator",
                "planned_minutes": 10,
                "minutes": (
                    "HL reported three deaths notified between 1 August and 31 October 2026: "
                    "two expected deaths of children with life-limiting conditions and one "
                    "unexpected infant death, for which a joint agency response was "
                    "completed. Child death review meetings are arranged for all three."
                ),
            },
            {
                "title": "Case review for closure: Child C",
                "purpose": "discussion",
                "presenter": "des-doctor",
                "planned_minutes": 20,
                "minutes": (
                    "The panel reviewed the death of Child C, aged 14, from an acute asthma "
                    "attack. Modifiable factors were identified: no asthma review in the 18 "
                    "months before death, and exposure to smoking in the home.\n\n"
                    "Category: chronic medical condition. The case was closed.\n\n"
                    "**Action:** FC to share the learning with the children's asthma network "
                    "and school nursing service."
                ),
            },
            {
                "title": "Case review for closure: Child D",
                "purpose": "discussion",
                "presenter": "cdr-coordinator",
                "planned_minutes": 20,
                "minutes": (
                    "The panel reviewed the death of Child D, aged 3 months. The infant died "
                    "while sharing a sofa with a parent who had consumed alcohol. Modifiable "
                    "factors were identified: an unsafe sleeping arrangement and parental "
                    "alcohol use.\n\n"
                    "Category: sudden unexpected, unexplained death. The case was closed.\n\n"
                    "**Action:** CW and FC to include this learning in the infant safety "
                    "campaign planned with the learning hub cycle."
                ),
            },
            {
                "title": "Themes and the CDOP annual report 2025-26",
                "purpose": "discussion",
                "presenter": "cdr-coordinator",
                "planned_minutes": 15,
                "minutes": (
                    "HL presented the draft themes for the annual report: 19 deaths reviewed "
                    "in 2025-26, of which 6 had modifiable factors; unsafe sleep featured in "
                    "3 infant deaths. Members agreed the themes and asked for the report to go "
                    "to the Executive in January."
                ),
            },
            {
                "title": "Any other business",
                "purpose": "information",
                "presenter": "des-doctor",
                "planned_minutes": 5,
                "minutes": "None.",
            },
            {
                "title": "Date of next meeting",
                "purpose": "information",
                "presenter": "des-doctor",
                "planned_minutes": 5,
                "minutes": "Thursday 4 February 2027, 09:30, Microsoft Teams.",
            },
        ],
        "attendance": [
            {"person": "des-doctor", "status": "present", "deputy": None},
            {"person": "cdr-coordinator", "status": "present", "deputy": None},
            {"person": "deputy-la", "status": "present", "deputy": None},
            {"person": "des-nurse", "status": "present", "deputy": None},
            {"person": "named-nurse", "status": "present", "deputy": None},
            {"person": "gp-lead", "status": "apologies", "deputy": None},
            {"person": "minute-taker", "status": "in_attendance", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Executive, November 2026 (closed)
    # ------------------------------------------------------------------
    {
        "key": "exec-2026-11",
        "title": "Safeguarding Partners Executive",
        "kind": "executive",
        "series": "executive",
        "date": "2026-11-19",
        "start": "10:00",
        "location": "Committee Room 2, Kestrel Vale Civic Centre",
        "chair": "chair",
        "status": "closed",
        "quorum_members": None,
        "items": [
            {
                "title": "Welcome, introductions and apologies",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "HA welcomed members. Apologies were received from RF, GL and FC.\n\n"
                    "The meeting was quorate: the local authority (JO), ICB (AO, SM) and "
                    "police (IQ) were represented."
                ),
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "None declared.",
            },
            {
                "title": "Minutes of the previous meeting",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "The minutes of the meeting held on 17 September 2026 were agreed as an "
                    "accurate record."
                ),
            },
            {
                "title": "Matters arising and the action log",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 15,
                "minutes": (
                    "- EX-26-17 (publish the Annual Report 2025-26): done on 29 September. "
                    "Closed.\n"
                    "- EX-26-18 (health attendance at initial conferences): SM reported a "
                    "notice standard is being agreed through the QA sub-group. In progress, "
                    "amber.\n"
                    "- RR-01/1 (audit of child in need closures): done; the findings go to the "
                    "QA sub-group in January. Closed.\n"
                    "- RR-02/1 (police notification of domestic incidents with an infant "
                    "present): IQ confirmed a briefing to all response officers and a daily "
                    "check by the public protection hub. Closed.\n"
                    "- RR-02/2 (probation home checks): OP's written confirmation received. "
                    "Closed."
                ),
            },
            {
                "title": "Rapid Review Child B: outcome and Panel response",
                "purpose": "information",
                "presenter": "bm",
                "planned_minutes": 15,
                "minutes": (
                    "PR reported that the rapid review for Child B was sent to the national "
                    "Panel on 23 October 2026, within 15 working days of the notification. "
                    "The Panel replied on 12 November 2026 agreeing that an LCSPR is not "
                    "required and that the learning be taken forward through the learning "
                    "hub cycle.\n\n"
                    "HA noted that both rapid reviews this year met the 15-working-day "
                    "target. The report was noted."
                ),
            },
            {
                "title": "Child A LCSPR: progress report",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 15,
                "minutes": (
                    "HA reported that the lead reviewer started on 5 October 2026. Agency "
                    "chronologies have been received from all agencies; a practitioner "
                    "learning event was held on 12 November. Contact with the family awaits "
                    "the police's agreement.\n\n"
                    "The draft report is expected for the January Executive. Publication "
                    "remains on course for April 2027, subject to the criminal process."
                ),
            },
            {
                "title": "Partner financial contributions 2027-28 and business unit budget",
                "purpose": "decision",
                "presenter": "bm",
                "planned_minutes": 20,
                "minutes": (
                    "PR presented the 2027-28 budget forecast of GBP 428,500, an increase of "
                    "4% to fund the independent reviewer for the Child A LCSPR and the "
                    "quality assurance officer post.\n\n"
                    "IQ asked whether the 45/30/20/5 split remained fair given the police "
                    "budget settlement. AO supported keeping the split for one more year.\n\n"
                    "**Decision:** the budget forecast was agreed in principle; final "
                    "contributions to be confirmed at the January Executive.\n\n"
                    "**Action:** PR to write to each partner with its proposed contribution "
                    "by 4 December 2026."
                ),
            },
            {
                "title": "Open escalations and independent scrutiny report",
                "purpose": "discussion",
                "presenter": "chair",
                "planned_minutes": 15,
                "minutes": (
                    "HA reported three open escalations (one at stage 2, two at stage 3), none "
                    "beyond its time limit. Five were resolved since September, four at stage "
                    "2 or below.\n\n"
                    "HA's scrutiny report found the threshold disagreements at the front door "
                    "have reduced since MD's service published its threshold guidance. HA "
                    "asked partners to make sure the revised escalation policy is known to "
                    "frontline staff. Members discussed and agreed to include it in the "
                    "January learning event."
                ),
            },
            {
                "title": "Any other business",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "JO informed members that the Council expects notice of a local authority "
                    "inspection of children's services in the new year. No other business."
                ),
            },
            {
                "title": "Date of next meeting",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": (
                    "Thursday 14 January 2027, 10:00, Committee Room 2, Kestrel Vale Civic Centre."
                ),
            },
        ],
        "attendance": [
            {"person": "chair", "status": "present", "deputy": None},
            {"person": "lsp-la", "status": "apologies", "deputy": None},
            {"person": "dsp-la", "status": "present", "deputy": None},
            {"person": "lsp-icb", "status": "present", "deputy": None},
            {"person": "dsp-icb", "status": "present", "deputy": None},
            {"person": "lsp-police", "status": "apologies", "deputy": None},
            {"person": "dsp-police", "status": "present", "deputy": None},
            {"person": "bm", "status": "present", "deputy": None},
            {"person": "des-doctor", "status": "present", "deputy": None},
            {"person": "des-nurse", "status": "apologies", "deputy": None},
            {"person": "minute-taker", "status": "in_attendance", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Partnership Board, December 2026 (planned)
    # ------------------------------------------------------------------
    {
        "key": "board-2026-12",
        "title": "Safeguarding Children Partnership Board",
        "kind": "partnership_board",
        "series": "partnership-board",
        "date": "2026-12-10",
        "start": "14:00",
        "location": "Council Chamber, Kestrel Vale Civic Centre",
        "chair": "chair",
        "status": "planned",
        "quorum_members": 4,
        "items": [
            {
                "title": "Welcome, introductions and apologies",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Minutes of the previous meeting",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Matters arising and the action log",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 10,
                "minutes": "",
            },
            {
                "title": "Revised policy for resolving professional disagreements",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 15,
                "minutes": "",
            },
            {
                "title": "Children leaving school rolls: notification pathway",
                "purpose": "decision",
                "presenter": "head-teacher",
                "planned_minutes": 15,
                "minutes": "",
            },
            {
                "title": "Neglect Strategy: six-month progress",
                "purpose": "discussion",
                "presenter": "deputy-la",
                "planned_minutes": 20,
                "minutes": "",
            },
            {
                "title": "Harm outside the home: partnership response",
                "purpose": "discussion",
                "presenter": "deputy-police",
                "planned_minutes": 20,
                "minutes": "",
            },
            {
                "title": "Sub-group chairs' reports",
                "purpose": "information",
                "presenter": "bm",
                "planned_minutes": 15,
                "minutes": "",
            },
            {
                "title": "Any other business",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Date of next meeting",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
        ],
        "attendance": [
            {"person": "housing", "status": "apologies", "deputy": None},
            {"person": "mh-named", "status": "apologies", "deputy": None},
        ],
    },
    # ------------------------------------------------------------------
    # Executive, January 2027 (planned)
    # ------------------------------------------------------------------
    {
        "key": "exec-2027-01",
        "title": "Safeguarding Partners Executive",
        "kind": "executive",
        "series": "executive",
        "date": "2027-01-14",
        "start": "10:00",
        "location": "Committee Room 2, Kestrel Vale Civic Centre",
        "chair": "chair",
        "status": "planned",
        "quorum_members": None,
        "items": [
            {
                "title": "Welcome, introductions and apologies",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Declarations of interest",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Minutes of the previous meeting",
                "purpose": "decision",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Matters arising and the action log",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 15,
                "minutes": "",
            },
            {
                "title": "Child A LCSPR: draft report",
                "purpose": "discussion",
                "presenter": "chair",
                "planned_minutes": 30,
                "minutes": "",
            },
            {
                "title": "Partner financial contributions 2027-28: final agreement",
                "purpose": "decision",
                "presenter": "bm",
                "planned_minutes": 20,
                "minutes": "",
            },
            {
                "title": "Child Death Overview Panel annual report 2025-26",
                "purpose": "information",
                "presenter": "des-doctor",
                "planned_minutes": 15,
                "minutes": "",
            },
            {
                "title": "Quality Assurance and Performance: Q2 dashboard and neglect audit",
                "purpose": "information",
                "presenter": "des-nurse",
                "planned_minutes": 15,
                "minutes": "",
            },
            {
                "title": "Any other business",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Date of next meeting",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
        ],
        "attendance": [
            {"person": "lsp-police", "status": "apologies", "deputy": None},
            {"person": "dsp-icb", "status": "apologies", "deputy": "deputy-icb"},
        ],
    },
    # ------------------------------------------------------------------
    # Neglect learning event, January 2027 (planned)
    # ------------------------------------------------------------------
    {
        "key": "learning-2027-01-neglect",
        "title": "Neglect Learning Event: Effective Implementation",
        "kind": "learning_event",
        "series": "learning-events",
        "date": "2027-01-21",
        "start": "12:30",
        "location": "The Wren Centre, Millbrook, Kestrel Vale",
        "chair": "chair",
        "status": "planned",
        "quorum_members": None,
        "items": [
            {
                "title": "Arrival, registration and lunch",
                "purpose": "information",
                "presenter": None,
                "planned_minutes": 20,
                "minutes": "",
            },
            {
                "title": "Introduction",
                "purpose": "information",
                "presenter": "chair",
                "planned_minutes": 5,
                "minutes": "",
            },
            {
                "title": "Legal framework and statutory guidance",
                "purpose": "information",
                "presenter": "legal",
                "planned_minutes": 10,
                "minutes": "",
            },
            {
                "title": "National perspectives from police and health",
                "purpose": "information",
                "presenter": "dsp-police",
                "planned_minutes": 25,
                "minutes": "",
            },
            {
                "title": "Final research report: key messages",
                "purpose": "information",
                "presenter": "researcher",
                "planned_minutes": 20,
                "minutes": "",
            },
            {
                "title": "Break",
                "purpose": "information",
                "presenter": None,
                "planned_minutes": 10,
                "minutes": "",
            },
            {
                "title": "Effective implementation: part 1",
                "purpose": "discussion",
                "presenter": "deputy-la",
                "planned_minutes": 60,
                "minutes": "",
            },
            {
                "title": "Implementation action planning",
                "purpose": "discussion",
                "presenter": "bm",
                "planned_minutes": 20,
                "minutes": "",
            },
            {
                "title": "Effective implementation: part 2",
                "purpose": "discussion",
                "presenter": "des-nurse",
                "planned_minutes": 50,
                "minutes": "",
            },
            {
                "title": "Identifying themes and innovation",
                "purpose": "discussion",
                "presenter": "qa-officer",
                "planned_minutes": 15,
                "minutes": "",
            },
            {
                "title": "Closing remarks",
                "purpose": "information",
                "presenter": "dsp-la",
                "planned_minutes": 5,
                "minutes": "",
            },
        ],
        "attendance": [
            {"person": "probation", "status": "apologies", "deputy": None},
            {"person": "gp-lead", "status": "apologies", "deputy": None},
        ],
    },
]

# Actions raised at closed meetings: (meeting key, item title starts with, description,
# owner key, due, status, updates as (date, text)). Dates relative to the sample's
# "today" of late November 2026, so some are overdue, some due soon, some done.
ACTIONS = [
    (
        "exec-2026-07",
        "Annual Report",
        "Circulate the final Annual Report 2025-26 to partners for sign-off",
        "bm",
        "2026-09-10",
        "done",
        [("2026-09-17", "Signed off by all three partners; published on the website.")],
    ),
    (
        "exec-2026-07",
        "Neglect Strategy",
        "Publish the Neglect Strategy 2026-2029 with the practitioner toolkit",
        "dsp-la",
        "2026-10-31",
        "in_progress",
        [("2026-11-19", "Toolkit at the designers; publication moved to December.")],
    ),
    (
        "exec-2026-07",
        "Partner financial",
        "Confirm each partner's 2027-28 financial contribution in writing",
        "lsp-la",
        "2026-11-20",
        "open",
        [],
    ),
    (
        "exec-2026-09",
        "Rapid Review Child A",
        "Commission the independent reviewer for the Child A LCSPR",
        "bm",
        "2026-10-15",
        "done",
        [("2026-10-14", "Reviewer appointed; terms of reference agreed.")],
    ),
    (
        "exec-2026-09",
        "Neglect Strategy",
        "Report neglect audit findings to the Executive",
        "qa-officer",
        "2026-11-19",
        "open",
        [("2026-11-19", "Audit fieldwork complete; report due at the January Executive.")],
    ),
    (
        "rr-2026-08-child-a",
        "Immediate actions",
        "Review the health visiting caseload held for Child A's siblings",
        "des-nurse",
        "2026-08-19",
        "done",
        [("2026-08-18", "Caseload reviewed; two families escalated to targeted support.")],
    ),
    (
        "rr-2026-08-child-a",
        "Immediate actions",
        "Share the learning brief on neglect and school absence with DSLs",
        "head-teacher",
        "2026-09-30",
        "done",
        [],
    ),
    (
        "qap-2026-10",
        "Multi-agency audit",
        "Repeat the neglect audit on ten cases in March",
        "qa-officer",
        "2027-03-31",
        "open",
        [],
    ),
    (
        "qap-2026-10",
        "Section 11",
        "Chase the three agencies whose Section 11 returns are outstanding",
        "bm",
        "2026-11-30",
        "open",
        [],
    ),
    (
        "rr-2026-10-child-b",
        "Immediate actions",
        "Remind ED staff of the bruising in non-mobile babies protocol",
        "named-nurse",
        "2026-11-04",
        "done",
        [("2026-11-03", "Protocol briefing given at all three ED handovers.")],
    ),
    (
        "rr-2026-10-child-b",
        "Immediate actions",
        "Check that the police referral for Child B reached the MASH within 24 hours",
        "di-cait",
        "2026-10-28",
        "open",
        [("2026-11-19", "Awaiting the audit log from the force IT team.")],
    ),
    (
        "cdop-2026-11",
        "Notifications",
        "Send the Child C and Child D closure summaries to the regional CDOP",
        "cdr-coordinator",
        "2026-12-03",
        "open",
        [],
    ),
    (
        "exec-2026-11",
        "Rapid Review Child B",
        "Send the Child B rapid review and letter to the national Panel",
        "bm",
        "2026-11-24",
        "done",
        [("2026-11-23", "Sent to the Panel; acknowledgement received.")],
    ),
    (
        "exec-2026-11",
        "Child A LCSPR",
        "Arrange the practitioner event for the Child A review",
        "bm",
        "2026-12-15",
        "open",
        [],
    ),
    (
        "exec-2026-11",
        "Partner financial",
        "Model a 3% uplift in partner contributions for 2027-28",
        "dsp-icb",
        "2026-12-01",
        "open",
        [],
    ),
]

# The register of names never circulated (all invented). The minutes below use
# some of them, as a chair might type them in a meeting; every export for
# circulation must show the pseudonym instead.
PROTECTED = [
    {
        "pseudonym": "Child A",
        "real_name": "Ellie-Mae Harrington",
        "other_names": "Ellie\nEllie-Mae\nHarrington",
        "relation": "child",
    },
    {
        "pseudonym": "Child B",
        "real_name": "Kayden Mirfield",
        "other_names": "Kayden\nKay\nMirfield",
        "relation": "child",
    },
    {
        "pseudonym": "Mother of Child B",
        "real_name": "Shannon Mirfield",
        "other_names": "Shannon",
        "relation": "family",
    },
    {
        "pseudonym": "Child C",
        "real_name": "Oliwia Nowak",
        "other_names": "Oliwia\nNowak",
        "relation": "child",
    },
]

# Text a chair typed in the meeting, added to an item's minutes (meeting key,
# item title starts with, text).
MINUTES_TYPED = [
    (
        "exec-2026-11",
        "Rapid Review Child B",
        "SM noted that Kayden's health visitor had seen him twice in September, and that Shannon Mirfield had not been asked about the injury.",
    ),
    (
        "exec-2026-11",
        "Child A LCSPR",
        "JO confirmed that Ellie-Mae's school will contribute to the practitioner event.",
    ),
]

# Decisions recorded at closed meetings (meeting key, item title starts with, text).
DECISIONS = [
    ("exec-2026-09", "Annual Report", "The Annual Report 2025-26 was approved for publication."),
    (
        "exec-2026-09",
        "Rapid Review Child A",
        "A Local Child Safeguarding Practice Review will be commissioned for Child A.",
    ),
    (
        "exec-2026-11",
        "Minutes of the previous",
        "The minutes of 17 September 2026 were agreed as an accurate record.",
    ),
    (
        "exec-2026-11",
        "Rapid Review Child B",
        "No LCSPR for Child B; the learning goes to the learning hub on non-mobile babies.",
    ),
]
