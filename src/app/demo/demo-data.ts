/**
 * The demo installation: a Pacific Northwest law firm and a bar association, their coordinators, and
 * mentors and mentees with the kind of profiles a real program collects. Everyone and everything here
 * is fictional; email addresses use the reserved `.example` domain so no message can reach anyone.
 */
import type { MemberRole } from '../../core/roles.ts';
import type { MentoringRole, OrganizationKind } from '../../core/vocabulary.ts';

/** The one password every demo account shares; printed by `secondchair start` and `seed --demo`. */
export const DEMO_PASSWORD = 'secondchair-demo';

export type DemoOrganizationKey = 'hale-ward' | 'cascadia-bar';

export interface DemoOrganization {
  key: DemoOrganizationKey;
  name: string;
  kind: OrganizationKind;
  jurisdictions: string[];
  timeZone: string;
}

export interface DemoProfile {
  mentoringRole: MentoringRole;
  headline: string;
  bio: string;
  practiceAreas: string[];
  jurisdictionsOfAdmission: string[];
  admissionYear: number | null;
  languages: string[];
  office: string;
  timeZone: string;
}

export interface DemoMembership {
  organization: DemoOrganizationKey;
  role: MemberRole;
  /** Overrides of the person's profile in this organization (a different office, a different role). */
  profile?: Partial<DemoProfile>;
}

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
  isPlatformAdmin: boolean;
  /** What the person is in the demo, printed next to their login. */
  description: string;
  profile: DemoProfile;
  memberships: DemoMembership[];
}

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    key: 'hale-ward',
    name: 'Hale & Ward LLP',
    kind: 'law_firm',
    jurisdictions: ['US-OR', 'US-WA'],
    timeZone: 'America/Los_Angeles',
  },
  {
    key: 'cascadia-bar',
    name: 'Cascadia Bar Association',
    kind: 'bar_association',
    jurisdictions: ['US-OR'],
    timeZone: 'America/Los_Angeles',
  },
];

const PACIFIC = 'America/Los_Angeles';

const staff = (headline: string, bio: string, office: string): DemoProfile => ({
  mentoringRole: 'none',
  headline,
  bio,
  practiceAreas: [],
  jurisdictionsOfAdmission: [],
  admissionYear: null,
  languages: ['en'],
  office,
  timeZone: PACIFIC,
});

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  // --- Administration -------------------------------------------------------------------------------
  {
    key: 'dana-whitfield',
    name: 'Dana Whitfield',
    email: 'dana.whitfield@secondchair.example',
    isPlatformAdmin: true,
    description: 'platform admin; admin of both organizations',
    profile: staff(
      'Knowledge and practice-innovation lead',
      'Runs the Second Chair installation for the firm and the bar association. Former litigation paralegal who now looks after the tools lawyers use to learn from each other.',
      'Portland',
    ),
    memberships: [
      { organization: 'hale-ward', role: 'admin' },
      { organization: 'cascadia-bar', role: 'admin' },
    ],
  },
  {
    key: 'priya-raman',
    name: 'Priya Raman',
    email: 'priya.raman@haleward.example',
    isPlatformAdmin: false,
    description: 'program coordinator, Hale & Ward LLP',
    profile: staff(
      'Director of Professional Development',
      'Designs the associate development program at Hale & Ward: the first-year curriculum, CLE planning and the partner–associate mentoring pairs. Previously a career-services adviser at a law school.',
      'Portland',
    ),
    memberships: [{ organization: 'hale-ward', role: 'coordinator' }],
  },
  {
    key: 'marcus-bell',
    name: 'Marcus Bell',
    email: 'marcus.bell@cascadiabar.example',
    isPlatformAdmin: false,
    description: 'program coordinator, Cascadia Bar Association',
    profile: staff(
      'Member programs manager',
      'Coordinates the bar association’s new-lawyer mentoring program, pairing recently admitted members and law students with experienced practitioners across the state.',
      'Salem',
    ),
    memberships: [{ organization: 'cascadia-bar', role: 'coordinator' }],
  },

  // --- Mentors --------------------------------------------------------------------------------------
  {
    key: 'eleanor-ward',
    name: 'Eleanor Ward',
    email: 'eleanor.ward@haleward.example',
    isPlatformAdmin: false,
    description: 'mentor: employment litigation partner (both organizations)',
    profile: {
      mentoringRole: 'mentor',
      headline: 'Partner, employment litigation',
      bio: 'Has defended and tried employment cases in Oregon and Washington state and federal courts for over twenty-five years, from wage-and-hour class actions to executive separation disputes. Chairs the firm’s hiring committee and has mentored more than thirty associates through their first trials.',
      practiceAreas: ['employment', 'litigation', 'labor'],
      jurisdictionsOfAdmission: ['US-OR', 'US-WA'],
      admissionYear: 1998,
      languages: ['en'],
      office: 'Portland',
      timeZone: PACIFIC,
    },
    memberships: [
      { organization: 'hale-ward', role: 'member' },
      {
        organization: 'cascadia-bar',
        role: 'member',
        profile: { headline: 'Past chair, Labor and Employment Section' },
      },
    ],
  },
  {
    key: 'thomas-okafor',
    name: 'Thomas Okafor',
    email: 'thomas.okafor@haleward.example',
    isPlatformAdmin: false,
    description: 'mentor: corporate and securities partner',
    profile: {
      mentoringRole: 'mentor',
      headline: 'Partner, corporate and M&A',
      bio: 'Advises technology and life-sciences companies on venture financings, acquisitions and public-company securities compliance. Spent four years in-house at a Seattle software company before returning to private practice, and is happy to talk about either path.',
      practiceAreas: ['corporate-ma', 'securities'],
      jurisdictionsOfAdmission: ['US-WA', 'US-NY'],
      admissionYear: 2004,
      languages: ['en', 'ig'],
      office: 'Seattle',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'hale-ward', role: 'member' }],
  },
  {
    key: 'sofia-delgado',
    name: 'Sofia Delgado',
    email: 'sofia.delgado@haleward.example',
    isPlatformAdmin: false,
    description: 'mentor and mentee: senior associate, immigration (both organizations)',
    profile: {
      mentoringRole: 'both',
      headline: 'Senior associate, immigration and pro bono',
      bio: 'Handles employment-based visas and removal defense, and leads the firm’s asylum pro bono docket. Mentors junior lawyers on client communication and courtroom basics while working with a partner mentor on her own path to partnership.',
      practiceAreas: ['immigration', 'public-interest'],
      jurisdictionsOfAdmission: ['US-OR'],
      admissionYear: 2013,
      languages: ['en', 'es'],
      office: 'Portland',
      timeZone: PACIFIC,
    },
    memberships: [
      { organization: 'hale-ward', role: 'member' },
      { organization: 'cascadia-bar', role: 'member', profile: { mentoringRole: 'mentor' } },
    ],
  },
  {
    key: 'rebecca-lindqvist',
    name: 'Rebecca Lindqvist',
    email: 'rebecca.lindqvist@lindqvistlaw.example',
    isPlatformAdmin: false,
    description: 'mentor: solo practitioner, family law and estates',
    profile: {
      mentoringRole: 'mentor',
      headline: 'Founder, Lindqvist Family Law',
      bio: 'Opened her own practice in Eugene after eight years at a mid-sized firm; now handles divorce, custody, adoption and estate planning for families. Speaks regularly on running a sustainable solo practice and on mediation as an alternative to contested hearings.',
      practiceAreas: ['family', 'estates-trusts'],
      jurisdictionsOfAdmission: ['US-OR'],
      admissionYear: 2001,
      languages: ['en', 'sv'],
      office: 'Eugene',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'cascadia-bar', role: 'member' }],
  },
  {
    key: 'david-nguyen',
    name: 'David Nguyen',
    email: 'david.nguyen@mcpd.example',
    isPlatformAdmin: false,
    description: 'mentor: chief deputy public defender',
    profile: {
      mentoringRole: 'mentor',
      headline: 'Chief deputy public defender',
      bio: 'Has tried more than eighty jury trials, from misdemeanors to homicide, and now supervises the felony trial unit of a county public defender’s office. Trains new defenders on suppression motions, cross-examination and managing a heavy caseload without burning out.',
      practiceAreas: ['criminal-defense', 'civil-rights'],
      jurisdictionsOfAdmission: ['US-OR'],
      admissionYear: 2009,
      languages: ['en', 'vi'],
      office: 'Portland',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'cascadia-bar', role: 'member' }],
  },
  {
    key: 'miriam-goldberg',
    name: 'Miriam Goldberg',
    email: 'miriam.goldberg@haleward.example',
    isPlatformAdmin: false,
    description: 'mentor: intellectual-property litigation partner',
    profile: {
      mentoringRole: 'mentor',
      headline: 'Partner, intellectual property litigation',
      bio: 'Litigates patent and trade-secret cases for semiconductor and outdoor-apparel clients, including two Federal Circuit appeals. Holds a degree in electrical engineering and enjoys helping technical people find their footing as litigators.',
      practiceAreas: ['intellectual-property', 'litigation'],
      jurisdictionsOfAdmission: ['US-WA', 'US-OR'],
      admissionYear: 2006,
      languages: ['en', 'he'],
      office: 'Seattle',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'hale-ward', role: 'member' }],
  },

  // --- Mentees --------------------------------------------------------------------------------------
  {
    key: 'jordan-ellis',
    name: 'Jordan Ellis',
    email: 'jordan.ellis@haleward.example',
    isPlatformAdmin: false,
    description: 'mentee: first-year associate, employment',
    profile: {
      mentoringRole: 'mentee',
      headline: 'First-year associate, employment litigation',
      bio: 'Joined the employment group after clerking for a federal magistrate judge. Wants to take a first deposition this year and to learn how partners decide which cases to settle.',
      practiceAreas: ['employment', 'litigation'],
      jurisdictionsOfAdmission: ['US-OR'],
      admissionYear: 2024,
      languages: ['en'],
      office: 'Portland',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'hale-ward', role: 'member' }],
  },
  {
    key: 'aisha-rahman',
    name: 'Aisha Rahman',
    email: 'aisha.rahman@haleward.example',
    isPlatformAdmin: false,
    description: 'mentee: second-year associate, corporate',
    profile: {
      mentoringRole: 'mentee',
      headline: 'Second-year associate, corporate and securities',
      bio: 'Works on venture financings and diligence for acquisitions. Interested in running deals independently, in building client relationships early, and in how lawyers who went in-house made that decision.',
      practiceAreas: ['corporate-ma', 'securities'],
      jurisdictionsOfAdmission: ['US-WA'],
      admissionYear: 2023,
      languages: ['en', 'bn', 'ar'],
      office: 'Seattle',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'hale-ward', role: 'member' }],
  },
  {
    key: 'samuel-osei',
    name: 'Samuel Osei',
    email: 'samuel.osei@haleward.example',
    isPlatformAdmin: false,
    description: 'mentee: first-year associate, IP litigation (both organizations)',
    profile: {
      mentoringRole: 'mentee',
      headline: 'First-year associate, intellectual property',
      bio: 'Former software engineer who came to law school to work on technology disputes. Looking for guidance on legal writing for judges, on claim construction, and on balancing billable work with bar association involvement.',
      practiceAreas: ['intellectual-property', 'litigation'],
      jurisdictionsOfAdmission: ['US-OR'],
      admissionYear: 2024,
      languages: ['en', 'tw'],
      office: 'Portland',
      timeZone: PACIFIC,
    },
    memberships: [
      { organization: 'hale-ward', role: 'member' },
      { organization: 'cascadia-bar', role: 'member' },
    ],
  },
  {
    key: 'hannah-schmidt',
    name: 'Hannah Schmidt',
    email: 'hannah.schmidt@haleward.example',
    isPlatformAdmin: false,
    description: 'mentee: second-year associate, real estate and tax',
    profile: {
      mentoringRole: 'mentee',
      headline: 'Second-year associate, real estate',
      bio: 'Drafts purchase agreements, leases and financing documents for commercial property, and increasingly works on the tax structuring of those deals. Wants to sharpen negotiation skills and understand the path to partnership in a transactional group.',
      practiceAreas: ['real-estate', 'tax'],
      jurisdictionsOfAdmission: ['US-WA'],
      admissionYear: 2023,
      languages: ['en', 'de'],
      office: 'Seattle',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'hale-ward', role: 'member' }],
  },
  {
    key: 'kevin-park',
    name: 'Kevin Park',
    email: 'kevin.park@students.example',
    isPlatformAdmin: false,
    description: 'mentee: 3L law student, criminal defense',
    profile: {
      mentoringRole: 'mentee',
      headline: '3L law student, criminal defense clinic',
      bio: 'Certified law student in the criminal defense clinic, where he has argued release hearings under supervision. Sitting for the Oregon bar exam in July and hoping to start as a public defender.',
      practiceAreas: ['criminal-defense'],
      jurisdictionsOfAdmission: [],
      admissionYear: null,
      languages: ['en', 'ko'],
      office: 'Portland',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'cascadia-bar', role: 'member' }],
  },
  {
    key: 'lucia-herrera',
    name: 'Lucía Herrera',
    email: 'lucia.herrera@legalaid.example',
    isPlatformAdmin: false,
    description: 'mentee: recently admitted legal-aid attorney, immigration',
    profile: {
      mentoringRole: 'mentee',
      headline: 'Staff attorney, immigrant rights project',
      bio: 'Admitted last year and now represents farmworkers and their families in immigration and wage-theft matters for a legal-aid office in the Willamette Valley. Would like a mentor who has built a practice serving Spanish-speaking clients.',
      practiceAreas: ['immigration', 'public-interest', 'employment'],
      jurisdictionsOfAdmission: ['US-OR'],
      admissionYear: 2025,
      languages: ['es', 'en'],
      office: 'Salem',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'cascadia-bar', role: 'member' }],
  },
  {
    key: 'grace-liu',
    name: 'Grace Liu',
    email: 'grace.liu@students.example',
    isPlatformAdmin: false,
    description: 'mentee: 2L law student, environmental law',
    profile: {
      mentoringRole: 'mentee',
      headline: '2L law student, environmental and natural resources law',
      bio: 'Editor on the environmental law review, summering with a state agency. Exploring whether to start in public-interest litigation or in a firm’s environmental group, and wants to hear from people who have done both.',
      practiceAreas: ['environmental', 'public-interest'],
      jurisdictionsOfAdmission: [],
      admissionYear: null,
      languages: ['en', 'zh'],
      office: 'Portland',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'cascadia-bar', role: 'member' }],
  },
  {
    key: 'ben-carter',
    name: 'Ben Carter',
    email: 'ben.carter@carterlaw.example',
    isPlatformAdmin: false,
    description: 'mentee: newly admitted solo practitioner, family law',
    profile: {
      mentoringRole: 'mentee',
      headline: 'Solo practitioner, family law',
      bio: 'Opened a small family-law practice in Bend straight after admission, after a first career as a high-school teacher. Looking for practical help with trust accounting, fee agreements and contested custody hearings.',
      practiceAreas: ['family'],
      jurisdictionsOfAdmission: ['US-OR'],
      admissionYear: 2025,
      languages: ['en'],
      office: 'Bend',
      timeZone: PACIFIC,
    },
    memberships: [{ organization: 'cascadia-bar', role: 'member' }],
  },
];

/** One demo login, as printed after seeding. */
export interface DemoLogin {
  name: string;
  email: string;
  description: string;
}

/** The demo logins, in the order they are printed. */
export const DEMO_LOGINS: readonly DemoLogin[] = DEMO_PEOPLE.map((person) => ({
  name: person.name,
  email: person.email,
  description: person.description,
}));
