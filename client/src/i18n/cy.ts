// Welsh (Cymraeg): every word the app shows, with the same keys and parameters as en.ts, in plain GOV.UK-style
// Welsh (active voice, "chi"). Terms kept throughout: panel graddio, arolygiad, arolygydd (arweiniol), adolygydd,
// safon, cwestiwn allweddol, achos, disgresiwn proffesiynol, cyfiawnhad, troednodyn, cynnig, pleidleisio,
// cefnogi/gwrthwynebu, penderfynu, cwblhau (finalise), ffin, ailchwarae, cofnod. The product name stays
// "Ratings Panel". test/unit/i18n-cy.test.ts checks every key is here and no message is left in English.
import { govukDate, govukDateTime, govukMonth } from '../lib/dates.ts'
import type { Messages } from './en.ts'
// Rating labels ("Requires improvement") come from the framework data, exactly as published, not from here.

// Welsh has six plural categories (zero, one, two, few, many, other), so counts go through Intl.PluralRules('cy').
// After a numeral a Welsh noun stays singular and mutates by the number ("dau bwynt", "tri phwynt"), which a digit
// cannot show; so one and two are spelt out with the right form, and other counts use "o" and the plural
// ("5 o bwyntiau": one soft mutation whatever the number) or a label and the number ("Newidiadau o A i B: 5").
const pluralRules = new Intl.PluralRules('cy')
type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }
const plural = (n: number, forms: PluralForms): string => forms[pluralRules.select(n)] ?? forms.other
/** "un pwynt", "dau bwynt", "4.1 o bwyntiau": a distance in (percentage) points, a number or as shown. */
const pointCount = (p: number | string): string =>
  plural(Number(p), { one: 'un pwynt', two: 'dau bwynt', other: `${p} o bwyntiau` })
/** "un digwyddiad", "dau ddigwyddiad", "7 o ddigwyddiadau". */
const eventCount = (n: number): string =>
  plural(n, { one: 'un digwyddiad', two: 'dau ddigwyddiad', other: `${n} o ddigwyddiadau` })

/** "un bleidlais", "dwy bleidlais", "3 o bleidleisiau" (pleidlais is feminine). */
const votesCy = (n: number): string =>
  plural(n, { one: 'un bleidlais', two: 'dwy bleidlais', other: `${n} o bleidleisiau` })

export const cy: Messages = {
  meta: { lang: 'cy', complete: true },

  common: {
    appName: 'Ratings Panel',
    serviceOwner: 'Arolygiaeth Prawf EF',
    skipToContent: 'Neidio i’r prif gynnwys',
    signOut: 'Allgofnodi',
    loading: 'Wrthi’n llwytho…',
    language: 'Iaith',
    cancel: 'Canslo',
    you: 'chi',
    notRated: 'Dim gradd',
    error: 'Mae problem',
    networkError: 'Nid oedd modd cysylltu â’r gweinydd. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
    pageNotFound: 'Heb ddod o hyd i’r dudalen',
    pageNotFoundBody: 'Gwiriwch y cyfeiriad, neu ewch i’r hafan.',
    goHome: 'Mynd i’r hafan',
    signedInAs: (name: string) => `Wedi mewngofnodi fel ${name}`,
    notSignedIn:
      'I ymuno â phanel, agorwch y ddolen fewngofnodi a anfonwyd atoch. Gallwch raddio ffeil heb fewngofnodi.',
    sessionEnded: 'Nid ydych wedi mewngofnodi. Agorwch ddolen fewngofnodi i barhau.',
    signInWithProvider: 'Mewngofnodi drwy eich sefydliad',
    footer: 'Caiff y graddau eu cyfrifo’n agored: data yw’r rheolau, a chaiff pob penderfyniad ei gofnodi.',
    privacyHint:
      'Cyfeiriwch at achosion drwy eu cyfeirnod yn unig (er enghraifft C07). Peidiwch byth â theipio enw, dyddiad geni na chyfeiriad plentyn: mae popeth a deipiwch yma yn aros yn hanes y panel, hyd yn oed ar ôl i chi ei ddileu.',
    privacyWarning:
      'Mae hyn yn edrych fel dyddiad geni neu ddyddiad personol arall. Cyfeiriwch at achosion drwy eu cyfeirnod yn unig.',
    privacyHeld:
      'Mae hyn yn edrych fel dyddiad geni neu ddyddiad personol arall, felly nid yw wedi cael ei rannu â’r panel. Tynnwch y dyddiad i barhau: cyfeiriwch at achosion drwy eu cyfeirnod yn unig.',
    heldBlocksSending: 'Tynnwch y dyddiad o’r testun cyn ei anfon.',
    refusedHeld: (why: string) =>
      `Ni dderbyniodd y gweinydd eich newid diwethaf yma: ${why}. Mae eich testun wedi’i gadw yma ac nid yw wedi cael ei rannu â’r panel. Golygwch ef i’w rannu, neu gwaredwch ef i weld y testun a rennir.`,
    refusedReasons: {
      'personal-data': 'mae’n edrych fel dyddiad geni, dyddiad personol arall neu gyfeiriad',
      ownership: 'nid chi sydd i newid y testun hwn',
      other: 'ni chaniateir y newid hwnnw mewn panel',
      unsent: 'ni chafodd ei anfon, oherwydd gwrthododd y gweinydd newid arall gennych',
    } as Record<string, string>,
    discardRefused: 'Gwaredu fy nhestun',
    dateTime: (iso: string) => govukDateTime('cy', iso),
    date: (iso: string) => govukDate('cy', iso),
    month: (value: string) => govukMonth('cy', value),
  },

  errors: {
    prefix: 'Gwall',
    justification: 'Ysgrifennwch y cyfiawnhad: o leiaf frawddeg',
    voteWhy: 'Ysgrifennwch pam rydych yn pleidleisio fel hyn: o leiaf frawddeg',
    footnote: 'Ysgrifennwch y troednodyn i’w gyhoeddi: o leiaf 10 nod',
    reason: 'Ysgrifennwch y rheswm dros wrthod: o leiaf frawddeg',
    name: 'Rhowch eu henw',
    finalised: 'Mae’r panel wedi’i gwblhau, felly ni all ei gofnod newid.',
  },

  trust: {
    heading: 'Mae hanes y panel hwn wedi newid.',
    notExtending: (when: string, seq: number) =>
      `Ar ${when} gwelodd y porwr hwn hanes y panel hyd at gam ${seq}; nid yw’r hyn y mae’r gweinydd yn ei anfon nawr yn ei gynnwys. Dywedwch wrth yr arolygydd arweiniol a gweithredwr (npm run verify) cyn dibynnu arno.`,
    badSignature:
      'Nid yw llofnod y gweinydd ar y cam diweddaraf yn dilysu. Dywedwch wrth weithredwr (npm run verify) cyn dibynnu ar y panel.',
    notSigned:
      'Nid y cam diweddaraf a lofnodwyd gan y gweinydd yw’r un a gafodd y dudalen hon. Dywedwch wrth weithredwr (npm run verify) cyn dibynnu ar y panel.',
  },

  nav: {
    primary: 'Prif lywio',
    home: 'Eich paneli',
    rate: 'Graddio ffeil',
    frameworks: 'Fframweithiau',
    register: 'Cofrestr disgresiwn',
    accounts: 'Cyfrifon',
  },

  roles: { lead: 'Arolygydd arweiniol', inspector: 'Arolygydd', reviewer: 'Adolygydd' } as Record<
    string,
    string
  >,
  // Stances and statuses also stand inside sentences, always after a colon or before "gan", so they never mutate.
  stances: { support: 'Cefnogi', oppose: 'Gwrthwynebu', abstain: 'Ymatal' } as Record<string, string>,
  statuses: {
    open: 'Agored',
    retracted: 'Wedi’i dynnu’n ôl',
    applied: 'Wedi’i roi ar waith',
    rejected: 'Wedi’i wrthod',
  } as Record<string, string>,

  files: {
    dropLabel: 'Llusgwch a gollyngwch ffeiliau yma, neu',
    chosen: 'Ffeiliau a ddewiswyd',
    remove: (name: string) => `Tynnu ${name}`,
    demo: 'Neu defnyddiwch yr arolygiad enghreifftiol: Swydd Gaerloyw, 2020, fel y’i cyhoeddwyd',
    demoFailed:
      'Nid oedd modd llwytho’r arolygiad enghreifftiol. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
    hint: 'Ffeil arolygiad (JSON, ratings-panel/inspection@1 neu @2) ac, os yw’n enwi un, ei grid achosion (CSV, neu daenlen .xlsx wrth greu panel). Ar gyfer rheolau nad ydynt wedi’u cynnwys nac ar y dudalen Fframweithiau, ychwanegwch y ffeil fframwaith (JSON, ratings-panel/framework@1 neu @2).',
    notReadable: (name: string) => `Nid oedd modd darllen ${name}.`,
    unknownType: (name: string) => `Nid yw ${name} yn ffeil .json, .csv nac .xlsx.`,
    notJson: (name: string, detail: string) => `Nid yw ${name} yn JSON dilys: ${detail}`,
    twoJson: 'Dewiswch un ffeil arolygiad (JSON) ar y tro.',
    twoCsv: 'Dewiswch un grid achosion (CSV neu .xlsx) ar y tro.',
    xlsxOnServer: (name: string) =>
      `Taenlen yw ${name}: caiff ei darllen ar y gweinydd, felly defnyddiwch hi i greu panel, neu cadwch ei thaflen fel CSV i’w graddio yma.`,
    twoFrameworks: 'Dewiswch un ffeil fframwaith ar y tro.',
    unknownFramework: (id: string) => `Nid oes fframwaith ${id}.`,
    gridMissing: (name: string) =>
      `Mae’r ffeil arolygiad yn enwi grid achosion, ${name}: dewiswch hwnnw hefyd.`,
  },

  problems: {
    // "problem" is feminine: "un broblem", "dwy broblem", "i’w chywiro" / "i’w cywiro".
    heading: (n: number) =>
      plural(n, {
        one: 'Mae un broblem i’w chywiro',
        two: 'Mae dwy broblem i’w cywiro',
        other: `Problemau i’w cywiro: ${n}`,
      }),
    firstOf: (shown: number, total: number) => `Mae’r ${shown} cyntaf o ${total} wedi’u rhestru yma.`,
  },

  rate: {
    title: 'Graddio ffeil arolygiad',
    intro:
      'Dewiswch ffeil arolygiad i weld ei graddau yn ôl y rheolau a gyhoeddwyd: pob cwestiwn allweddol, pob safon a’r sgôr gyffredinol, a pha safonau sy’n agored i ddisgresiwn proffesiynol. Nid oes dim yn gadael y porwr hwn.',
    framework: 'Fframwaith',
    frameworkHint: 'Caiff ei ddefnyddio pan fyddwch yn dewis grid achosion (CSV) ar ei ben ei hun.',
    provisional: 'dros dro',
    gridOnly: 'Graddio grid achosion ar ei ben ei hun',
    judgedHeading: 'Safonau sefydliadol (wedi’u graddio drwy ddyfarniad)',
    judgedHint: 'Nid oes dyfarniadau mewn grid achosion. Dewiswch nhw yma, neu gadewch safon heb radd.',
    serviceName: 'Enw’r gwasanaeth',
    resultHeading: (service: string) => `Graddau ar gyfer ${service}`,
    signInToPanel: 'I adolygu’r graddau hyn gydag eraill, mae trefnydd yn creu panel o’r un ffeil.',
  },

  result: {
    caption: (framework: string) => `Graddau fesul safon (${framework})`,
    domain: 'Parth',
    domainHeading: (id: string, title: string) => `Parth ${id}: ${title}`,
    standard: 'Safon',
    rating: 'Gradd',
    keyQuestions: 'Cwestiynau allweddol',
    triggers: 'Yn agored i ddisgresiwn',
    none: 'Dim',
    judged: (rating: string) => `${rating} (drwy ddyfarniad)`,
    judgedShort: 'drwy ddyfarniad',
    notScored: 'nid yw’n cyfrif tuag at y sgôr',
    overallHeading: 'Cyffredinol',
    score: (score: number, max: number) => `${score}/${max}`,
    overallRating: 'Gradd gyffredinol',
    noOverall: 'Dim gradd gyffredinol',
    overallByJudgement: 'Drwy ddyfarniad',
    areasHeading: 'Meysydd a raddir',
    areaRule: { lowest: 'gradd isaf ei safonau', judgement: 'drwy ddyfarniad' } as Record<string, string>,
    areaStandards: (ids: string) => `Safonau ${ids}`,
    provisionalFramework: 'Mae trothwyon y fframwaith hwn dros dro: nid ydynt yn y ffynonellau a gyhoeddwyd.',
  },

  kq: {
    counts: (yes: number, assessed: number) => `${yes} o ${assessed}`,
    percentOnly: 'canran a gyhoeddwyd, dim nifer achosion',
    notApplicable: 'Nid yw’n berthnasol i unrhyw achos',
    driving: 'isaf — yn pennu’r radd',
    barLabel: (id: string, shown: string, counts: string, where: string) =>
      `${id}: ${shown}${counts ? ` (${counts})` : ''}. ${where}`,
    cases: 'Achosion',
    casesYes: (n: number) => `Ie (${n})`,
    casesNo: (n: number) => `Na (${n})`,
    casesNa: (n: number) => `Amherthnasol (${n})`,
    note: 'Nodyn',
  },

  // Rating labels come from the framework data as published (in English), so "yn ${rating}" needs no mutation.
  sensitivity: {
    pointsBelow: (points: string, rating: string, boundary: number) =>
      `${pointCount(points)} yn is na ${rating} (${boundary}%)`,
    pointsAbove: (points: string, rating: string, boundary: number) =>
      `${pointCount(points)} uwchben ffin ${rating} (${boundary}%)`,
    rounding: (shown: string, boundary: number | null) =>
      `⚠ yn dangos ${shown} ond mae’n is na ${boundary ?? shown.replace('%', '')}%`,
    couldGoUp: '▲ Gallai fynd i fyny',
    couldGoDown: '▼ Gallai fynd i lawr',
    nearUp: (points: string, rating: string) =>
      `yn agos at y ffin (${pointCount(points)} yn is na ${rating})`,
    nearDown: (points: string, rating: string) =>
      `yn agos at y ffin (dim ond ${pointCount(points)} uwchben ffin ${rating})`,
    nearBoundary: 'yn agos at y ffin',
    flipUp: (kq: string, to: string) =>
      `gall un ateb newid y radd (byddai un ateb ‘Ie’ arall ar ${kq} yn ei gwneud yn ${to})`,
    flipDown: (kq: string, to: string) =>
      `gall un ateb newid y radd (byddai un ateb ‘Ie’ yn llai ar ${kq} yn ei gwneud yn ${to})`,
    oneAnswerFlip: 'gall un ateb newid y radd',
    shortOf: (points: number, rating: string) => `${pointCount(points)} yn brin o ${rating}`,
    fallsTo: (points: number, rating: string) =>
      `byddai ${pointCount(points)} yn llai yn ei gwneud yn ${rating}`,
    flipsHeading: 'Pa ateb unigol fyddai’n newid y radd',
    flipLine: (kq: string, change: string, to: string) =>
      `${kq}: byddai newid un ateb (${change}) yn gwneud y safon yn ${to}`,
    flipCases: (cases: string) => `Achosion lle byddai newid yr ateb yn gwneud hyn: ${cases}`,
    noFlips: 'Ni fyddai newid unrhyw ateb unigol yn newid y radd hon.',
    changeUp: 'Na → Ie',
    changeDown: 'Ie → Na',
  },

  home: {
    title: 'Eich paneli',
    none: 'Nid ydych ar unrhyw banel eto. Pan fydd arolygydd arweiniol yn eich gwahodd, bydd y panel yn ymddangos yma.',
    caption: 'Paneli rydych yn aelod ohonynt',
    panel: 'Panel',
    framework: 'Fframwaith',
    role: 'Eich rôl',
    created: 'Dyddiad creu',
    status: 'Statws',
    finalised: (at: string) => `Wedi’i gwblhau ar ${at}`,
    inProgress: 'Ar y gweill',
  },

  create: {
    title: 'Creu panel',
    intro: 'Chi fydd arolygydd arweiniol y panel. Gwahoddwch yr aelodau eraill o dudalen y panel.',
    titleLabel: 'Teitl y panel',
    titleHint: 'Dewisol. Gadewch yn wag i ddefnyddio enw’r gwasanaeth o’r ffeil.',
    serviceLabel: 'Dynodwr y gwasanaeth',
    serviceHint:
      'Dewisol. Mae’r un dynodwr ar bob arolygiad o wasanaeth yn eu cysylltu: mae’r panel yn dangos graddau’r arolygiad blaenorol. Llythrennau, digidau, _ . : - yn unig.',
    filesLabel: 'Ffeil arolygiad',
    submit: 'Creu panel',
    submitting: 'Wrthi’n creu…',
    needFile: 'Dewiswch ffeil arolygiad (JSON).',
    invalid: 'Nid yw’r ffeil arolygiad yn ddilys',
    created: (title: string) => `Mae’r panel “${title}” wedi’i greu.`,
  },

  panel: {
    loading: 'Wrthi’n agor y panel…',
    notFound: 'Nid yw’r panel hwn yn bodoli, neu nid ydych yn aelod ohono.',
    yourRole: (role: string) => `Eich rôl: ${role}`,
    finalisedBanner: (at: string, by: string) =>
      `Cwblhaodd ${by} y panel ar ${at}. Mae’r cofnod wedi’i rewi: ni all neb newid dim yma.`,
    readOnlyReviewer: 'Rydych chi’n adolygydd: gallwch weld popeth, ond ni allwch newid dim.',
    boardHeading: 'Bwrdd',
    boardNav: 'Adrannau’r panel',
    report: 'Adroddiad',
    replay: 'Ailchwarae',
    activity: 'Gweithgarwch',
    noActivity: 'Nid oes dim wedi digwydd eto.',
    openStandard: (id: string, title: string) => `Agor ${id} ${title}`,
    proposalSummary: (to: string, status: string) => `Cynnig i newid i ${to}: ${status}`,
    votesSummary: (support: number, oppose: number, abstain: number) =>
      `${support} yn cefnogi, ${oppose} yn gwrthwynebu, ${abstain} yn ymatal`,
    // "safon" is feminine: "un safon", "dwy safon" ("s" does not mutate), "5 o safonau".
    discretionCount: (n: number) =>
      plural(n, {
        zero: 'Nid oes unrhyw safon yn agored i ddisgresiwn',
        one: 'Mae un safon yn agored i ddisgresiwn',
        two: 'Mae dwy safon yn agored i ddisgresiwn',
        other: `Mae ${n} o safonau yn agored i ddisgresiwn`,
      }),
  },

  overall: {
    heading: 'Sgôr gyffredinol',
    now: 'Nawr',
    rulesBased: 'Yn ôl y rheolau',
    projected: 'Pe bai pob cynnig agored yn cael ei roi ar waith',
    final: 'Terfynol',
    noOverall: (reason: string) => `Dim gradd gyffredinol: ${reason}`,
  },

  connection: {
    label: 'Cysylltiad',
    connecting: 'Wrthi’n cysylltu…',
    connected: 'Wedi cysylltu',
    reconnecting: 'Wrthi’n ailgysylltu…',
    offline: 'All-lein — caiff eich golygiadau eu cadw a’u hanfon',
    stopped: {
      session: 'Wedi datgysylltu: mae eich sesiwn wedi dod i ben. Mewngofnodwch eto i barhau.',
      membership: 'Wedi datgysylltu: nid ydych yn aelod o’r panel hwn.',
      'read-only':
        'Wedi datgysylltu: ni allwch newid y ddogfen hon. Ail-lwythwch y dudalen i weld y fersiwn ddiweddaraf.',
      'too-large': 'Wedi datgysylltu: roedd newid yn rhy fawr i’w anfon.',
      rate: 'Wedi datgysylltu: gormod o newidiadau ar unwaith. Ail-lwythwch y dudalen.',
      malformed:
        'Wedi datgysylltu ar ôl neges nad oedd y gweinydd yn gallu ei darllen. Ail-lwythwch y dudalen.',
      other: 'Wedi datgysylltu. Ail-lwythwch y dudalen.',
    } as Record<string, string>,
  },

  presence: {
    heading: 'Yma nawr',
    nobody: 'Dim ond chi.',
    viewing: (sid: string) => `yn edrych ar ${sid}`,
    onBoard: 'ar y bwrdd',
    typing: (name: string) => `Mae ${name} yn teipio…`,
    typingMany: (names: string) => `Mae ${names} yn teipio…`,
  },

  focus: {
    bring: 'Dod â phawb yma',
    brought: (sid: string) => `Mae pawb wedi cael cais i edrych ar ${sid}.`,
    asked: (name: string, sid: string, title: string) =>
      `Mae ${name} yn gofyn i bawb edrych ar ${sid} ${title}.`,
    inFocus: (name: string) => `◆ Dan sylw (wedi’i dewis gan ${name})`,
  },

  agenda: {
    label: 'Rhaglen y panel',
    notStarted: (n: number) => `Safonau sy’n agored i ddisgresiwn: ${n}; heb ddechrau.`,
    position: (n: number, total: number, name: string) => `${n} o ${total}, ${name}`,
    previous: (sid: string) => `Blaenorol: ${sid}`,
    previousNone: 'Blaenorol',
    next: (sid: string) => `Nesaf: ${sid}`,
    start: (sid: string) => `Dechrau gyda ${sid}`,
    end: 'Diwedd y rhaglen',
  },

  follow: {
    label: 'Dilyn yr arolygydd arweiniol',
    following: (name: string, standard: string) => `Rydych yn dilyn ${name}: ${standard}.`,
    stop: 'Peidio â dilyn',
    elsewhere: (name: string, standard: string) => `Mae ${name} ar ${standard}.`,
    back: 'Dychwelyd at yr arolygydd arweiniol',
    moved: (name: string, sid: string, title: string) => `Yn dilyn ${name} i ${sid} ${title}.`,
  },

  standard: {
    backToBoard: 'Yn ôl i’r bwrdd',
    questions: 'Cwestiynau allweddol',
    judged: (rating: string) => `Wedi’i graddio drwy ddyfarniad: ${rating}`,
    notRated: (reason: string) => `Dim gradd: ${reason}`,
    notesHeading: 'Nodiadau a rennir',
    notesLabel: (sid: string) => `Nodiadau ar ${sid}`,
    notesHint: 'Gall pawb ar y panel olygu’r nodiadau hyn. Nid ydynt yn cael eu cyhoeddi.',
    proposalsHeading: 'Cynigion',
    noProposals: 'Dim cynigion eto.',
    noTriggers: 'Nid yw’r safon hon yn agored i ddisgresiwn: mae’n cadw ei gradd yn ôl y rheolau.',
    proposedBy: (name: string, at: string) => `Cynnig gan ${name}, ${at}`,
    justification: 'Cyfiawnhad',
    votes: 'Pleidleisiau',
    voter: 'Aelod',
    stance: 'Pleidlais',
    noVotes: 'Dim pleidleisiau eto.',
    voteHistory: 'Hanes pleidleisio',
    decision: (outcome: string, name: string, at: string) => `${outcome} gan ${name}, ${at}`,
    footnote: 'Troednodyn',
    reason: 'Rheswm',
    retract: 'Tynnu’r cynnig yn ôl',
    retracted: 'Mae’r cynnig wedi’i dynnu’n ôl.',
  },

  propose: {
    heading: 'Cynnig newid',
    target: 'Y radd rydych yn ei chynnig',
    targetHint: 'Gall disgresiwn symud gradd un band ar y mwyaf, a dim ond i gyfeiriad a sbardunwyd.',
    direction: { up: '▲ i fyny', down: '▼ i lawr' } as Record<string, string>,
    justification: 'Cyfiawnhad (wedi’i ddrafftio gyda’ch gilydd)',
    justificationHint: 'Gall pawb ar y panel ysgrifennu yn y drafft hwn ar yr un pryd.',
    submit: 'Cynnig',
    chooseRating: 'Dewiswch y radd rydych yn ei chynnig.',
    sent: (sid: string, to: string) => `Cynnig wedi’i anfon: ${sid} i ${to}.`,
  },

  vote: {
    heading: 'Eich pleidlais',
    stance: 'Eich pleidlais ar y cynnig hwn',
    justification: 'Pam (eich drafft eich hun)',
    submit: 'Pleidleisio',
    chooseStance: 'Dewiswch gefnogi, gwrthwynebu neu ymatal.',
    change: 'Newid pleidlais',
    sent: (stance: string) => `Mae eich pleidlais (${stance}) wedi’i chofnodi.`,
    current: (stance: string) => `Eich pleidlais: ${stance}.`,
  },

  footnote: {
    heading: 'Troednodyn (wedi’i ddrafftio gyda’i gilydd)',
    hint: 'Gall pawb ar y panel ei ysgrifennu ar yr un pryd. Yr arolygydd arweiniol sy’n penderfynu; caiff ei gyhoeddi wrth ymyl y radd.',
    suggested: 'Testun awgrymedig i ddechrau, yng ngeiriau’r troednodiadau a gyhoeddwyd:',
    use: 'Dechrau’r troednodyn gyda’r testun hwn',
    used: 'Mae’r testun awgrymedig yn nrafft y troednodyn.',
    closingUp: (name: string, rating: string) =>
      `Am y rheswm hwn, codwyd y radd ar gyfer ${name} i ‘${rating}’ er mwyn adlewyrchu ei pherfformiad yn fwy cywir.`,
    closingDown: (name: string, rating: string) =>
      `Am y rheswm hwn, gostyngwyd y radd ar gyfer ${name} i ‘${rating}’ er mwyn adlewyrchu ei pherfformiad yn fwy cywir.`,
  },

  decide: {
    heading: 'Penderfynu (arolygydd arweiniol)',
    outcome: 'Penderfyniad',
    apply: 'Rhoi’r cynnig ar waith',
    reject: 'Gwrthod y cynnig',
    footnote: 'Troednodyn i’w gyhoeddi',
    footnoteFrom: 'Mae ei roi ar waith yn cyhoeddi’r troednodyn a ddrafftiwyd uchod, fel y mae:',
    reason: 'Rheswm dros wrthod',
    submit: 'Cofnodi’r penderfyniad',
    chooseOutcome: 'Dewiswch a ydych am roi’r cynnig ar waith neu ei wrthod.',
    sent: (outcome: string, sid: string) => `Penderfyniad wedi’i gofnodi: ${sid}, ${outcome}.`,
  },

  // finalise = cwblhau throughout ("Cwblhau’r panel", "wedi’i gwblhau").
  finalise: {
    heading: 'Graddau terfynol',
    live: 'Yn diweddaru wrth i’r arolygydd arweiniol benderfynu ar gynigion.',
    button: 'Cwblhau’r panel',
    blocked: (ids: string) =>
      `Gallwch gwblhau’r panel ar ôl penderfynu ar bob cynnig. Yn dal yn agored: ${ids}.`,
    dialogTitle: 'Cwblhau’r panel?',
    dialogBody:
      'Bydd hyn yn rhewi’r cofnod: y mewnbynnau, y graddau yn ôl y rheolau, y cynigion, y pleidleisiau, y penderfyniadau, y troednodiadau a’r graddau terfynol. Ni allwch ddadwneud hyn. I wneud cywiriad, byddai angen cofnod newydd, cysylltiedig.',
    kept: (ids: string) =>
      `Yn agored i ddisgresiwn ond heb gynnig, felly maen nhw’n cadw eu gradd yn ôl y rheolau: ${ids}.`,
    confirm: 'Cwblhau — ni allwch ddadwneud hyn',
    done: 'Mae’r panel wedi’i gwblhau.',
    rulesBased: 'Yn ôl y rheolau',
    final: 'Terfynol',
    changed: 'wedi’i newid drwy ddisgresiwn',
  },

  report: {
    title: (service: string) => `Graddau: ${service}`,
    draft: 'Heb ei gwblhau eto. Dyma sut byddai’r adroddiad yn edrych gyda’r penderfyniadau a wnaed hyd yma.',
    caption: 'Graddau fesul parth a safon',
    standard: 'Safon',
    rating: 'Gradd',
    overall: 'Gradd gyffredinol',
    score: 'Sgôr',
    footnotes: 'Troednodiadau',
    footnoteRef: (n: number) => `troednodyn ${n}`,
    kept: 'Mae’r safonau a sbardunwyd na chynigiodd neb eu newid wedi cadw eu gradd yn ôl y rheolau',
    downloads: 'Lawrlwytho',
    json: 'Cofnod wedi’i rewi (JSON)',
    csv: 'Graddau terfynol (CSV)',
    framework: 'Fframwaith',
    service: 'Y gwasanaeth a arolygwyd',
    fieldwork: 'Gwaith maes',
    published: 'Cyhoeddwyd',
    lead: 'Arolygydd arweiniol',
    members: 'Aelodau’r panel',
    member: (name: string, role: string) => `${name} (${role})`,
    pdf: 'Cadw fel PDF',
    pdfHint:
      'Mae hyn yn agor ffenestr argraffu eich porwr: dewiswch ‘Cadw fel PDF’ fel y cyrchfan. Caiff pob gradd ei hargraffu mewn geiriau ac yn ei harddull ffin ei hun, byth drwy liw yn unig.',
    hash: (h: string) => `Stwnsh y cofnod: ${h}`,
    backToPanel: 'Yn ôl i’r panel',
    finalisedOn: (at: string, by: string) => `Cwblhaodd ${by} y panel ar ${at}.`,
  },

  replay: {
    title: 'Ailchwarae',
    heading: (title: string) => `Ailchwarae: ${title}`,
    intro:
      'Ewch drwy hanes y panel gam wrth gam i weld sut y cyrhaeddwyd pob gradd: y bwrdd, y sgôr, y pleidleisiau, y drafftiau a’r nodiadau yn union fel yr oeddent ar bob pwynt. Ni allwch newid dim yma.',
    forbidden:
      'Mae ailchwarae ar gael i’r arolygydd arweiniol ac i adolygwyr. Mae arolygwyr yn gweld gweithgarwch y panel ar y bwrdd.',
    time: (iso: string) => govukDateTime('cy', iso, true),
    // the scrubber
    scrubberHeading: 'Symud drwy’r hanes',
    slider: 'Safle yn yr hanes',
    valueText: (n: number, total: number, what: string, when: string) =>
      `Cam ${n} o ${total}: ${what} ${when}`,
    playback: 'Rheolyddion chwarae',
    play: 'Chwarae',
    pause: 'Oedi',
    toStart: 'Mynd i’r dechrau',
    toEnd: 'Mynd i’r diwedd',
    stepBack: 'Cam yn ôl',
    stepForward: 'Cam ymlaen',
    speed: 'Cyflymder',
    // "cam" is masculine: "un cam", "dau gam", "4 o gamau".
    speedOption: (n: number) =>
      plural(n, { one: 'Un cam yr eiliad', two: 'Dau gam yr eiliad', other: `${n} o gamau yr eiliad` }),
    eventsOnly: 'Camu a chwarae drwy ddigwyddiadau’r panel yn unig (hepgor golygiadau yn y gofod gwaith)',
    loading: (n: number) => `Wrthi’n llwytho cam ${n}…`,
    showing: (n: number, total: number) => `Cam ${n} o ${total}`,
    announce: (n: number, total: number, what: string, score: string) =>
      `Yn dangos cam ${n} o ${total}: ${what} ${score}`,
    scoreThen: (score: string) => `Y sgôr bryd hynny: ${score}.`,
    // what steps say
    created: (name: string) => `Creodd ${name} y panel.`,
    memberAdded: (name: string, role: string) => `Ychwanegwyd ${name} fel ${role}.`,
    memberWasInvited: (by: string, name: string, role: string) => `Gwahoddodd ${by} ${name} fel ${role}.`,
    inviteRevoked: (by: string, name: string) => `Tynnodd ${by} y gwahoddiad i ${name} yn ôl.`,
    roleChanged: (by: string, name: string, role: string) => `Gwnaeth ${by} ${name} yn ${role}.`,
    memberRemoved: (by: string, name: string) => `Tynnodd ${by} ${name} o’r panel.`,
    edited: (name: string) => `Golygodd ${name} y drafftiau a rennir.`,
    edits: (name: string, n: number) => `Golygodd ${name} y drafftiau a rennir (newidiadau: ${n}).`,
    update: (n: number, of: number) => `Newid ${n} o ${of} yn y pwl hwn o deipio.`,
    expand: (n: number) => `Dangos ei newidiadau (${n})`,
    collapse: 'Cuddio’r newidiadau',
    // stands after the verb ("Golygodd y gweinydd …"), so it is not capitalised
    serverName: 'y gweinydd',
    // the picture of the history
    stripHeading: 'Yr hanes yn gryno',
    stripLabel: (from: string, to: string, events: number, edits: number) =>
      `Hanes y panel o ${from} i ${to}. Digwyddiadau’r panel: ${events}. Golygiadau yn y gofod gwaith: ${edits}. Dewiswch bwynt arno i fynd yno, neu defnyddiwch y llithrydd uchod.`,
    legend: 'Allwedd i’r darlun',
    markers: {
      created: 'Panel wedi’i greu',
      member: 'Aelod wedi’i ychwanegu neu wedi ymuno',
      proposal: 'Cynnig wedi’i wneud',
      vote: 'Pleidlais wedi’i bwrw neu ei newid',
      retracted: 'Cynnig wedi’i dynnu’n ôl',
      applied: 'Cynnig wedi’i roi ar waith',
      rejected: 'Cynnig wedi’i wrthod',
      finalised: 'Panel wedi’i gwblhau',
    } as Record<string, string>,
    editsKey: 'Golygiadau yn y gofod gwaith (po dalaf y bar, y mwyaf o olygiadau)',
    positionKey: 'Lle mae’r ailchwarae',
    marksKey: 'Pwyntiau A a B sy’n cael eu cymharu',
    // the board at a point
    boardHeading: 'Y panel ar y pwynt hwn',
    when: (what: string, when: string) => `Ar ôl: ${what} (${when})`,
    scoreThenLabel: 'Gyda’r penderfyniadau a wnaed erbyn hynny',
    finalisedThen: (at: string, by: string) => `Cwblhaodd ${by} y panel ar ${at}.`,
    notFinalisedThen: 'Heb ei gwblhau ar y pwynt hwn.',
    undecided: 'Agored — heb benderfyniad',
    noProposalsThen: 'Dim cynigion ar y pwynt hwn.',
    tally: (support: number, oppose: number, abstain: number) =>
      `Pleidleisiau: ${support} yn cefnogi, ${oppose} yn gwrthwynebu, ${abstain} yn ymatal`,
    draftsHeading: 'Drafftiau a nodiadau',
    draftKinds: {
      proposal: 'Cyfiawnhad y cynnig (drafft a rennir)',
      footnote: 'Troednodyn (drafft a rennir)',
      decision: 'Penderfyniad (drafft a rennir)',
      note: 'Nodiadau a rennir',
    } as Record<string, string>,
    voteDraft: (name: string) => `Cyfiawnhad pleidlais ${name} (drafft)`,
    membersHeading: 'Aelodau ar y pwynt hwn',
    memberJoined: (name: string, role: string) => `${name} (${role}) — wedi ymuno`,
    memberInvited: (name: string, role: string) => `${name} (${role}) — wedi cael gwahoddiad, heb ymuno eto`,
    // the timeline
    timelineHeading: 'Beth ddigwyddodd',
    show: 'Dangos',
    showEvents: 'Digwyddiadau’r panel',
    showAll: 'Digwyddiadau’r panel a phyliau o deipio',
    showEarlier: 'Dangos rhai cynharach',
    showLater: 'Dangos rhai diweddarach',
    currentStep: '(yn cael ei ddangos nawr)',
    // compare
    compareHeading: 'Cymharu dau bwynt',
    compareHint:
      'Gosodwch A a B ar ddau gam, yna cymharwch nhw i weld rhestr o’r hyn a newidiodd rhyngddynt.',
    setA: 'Gosod A ar y cam hwn',
    setB: 'Gosod B ar y cam hwn',
    pointA: (what: string) => `A: ${what}`,
    pointB: (what: string) => `B: ${what}`,
    notSet: 'heb ei osod',
    goTo: (point: string) => `Mynd i ${point}`,
    compare: 'Cymharu A a B',
    comparing: 'Wrthi’n cymharu…',
    noChanges: 'Ni newidiodd dim rhwng A a B.',
    // "newid" is masculine and does not mutate: "un newid", "dau newid".
    changesHeading: (n: number) =>
      plural(n, { one: 'Un newid o A i B', two: 'Dau newid o A i B', other: `Newidiadau o A i B: ${n}` }),
    changeOverall: (from: string, to: string) => `Sgôr: ${from} → ${to}`,
    changeRating: (sid: string, title: string, from: string, to: string) =>
      `${sid} ${title}: ${from} → ${to}`,
    changeProposal: (sid: string, to: string, from: string, now: string) =>
      `Cynnig ar ${sid} (i ${to}): ${from} → ${now}`,
    changeVote: (name: string, sid: string, from: string, now: string) =>
      `Pleidlais ${name} ar ${sid}: ${from} → ${now}`,
    changeMember: (name: string, role: string, from: string, now: string) =>
      `${name} (${role}): ${from} → ${now}`,
    memberStates: {
      absent: 'heb fod yn aelod',
      invited: 'wedi cael gwahoddiad',
      joined: 'wedi ymuno',
    } as Record<string, string>,
    // en.ts infers this one's return type as its two English literals, hence the cast (the views take a string)
    changeFinalised: ((now: boolean) =>
      now
        ? 'Cafodd y panel ei gwblhau.'
        : 'Nid yw wedi’i gwblhau mwyach (mae B cyn y cwblhau).') as unknown as Messages['replay']['changeFinalised'],
    changeFocus: (from: string, now: string) => `Ffocws yr arolygydd arweiniol: ${from} → ${now}`,
    // "nod" (character) is masculine and does not mutate after a numeral
    changeDraft: (label: string, from: number, now: number) => `${label}: ${from} → ${now} nod`,
    removed: 'Tynnwyd',
    inserted: 'Ychwanegwyd',
    none: 'dim',
    // verify and export
    verifyHeading: 'Gwirio a lawrlwytho',
    verifyIntro:
      'Mae hyn yn gwirio nad oes unrhyw ddigwyddiad a storiwyd wedi cael ei newid, ei ddileu na’i aildrefnu. Mae’r gweinydd yn ail-greu’r gadwyn stwnsh a stwnsh y cofnod wedi’i rewi; mae’r porwr hwn yn gwneud yr un peth o’r digwyddiadau, yn annibynnol, ac yn cymharu’r log â’r hyn a wiriodd yma o’r blaen.',
    verify: 'Gwirio’r cofnod',
    verifying: 'Wrthi’n gwirio…',
    intact: 'Cyfan',
    broken: (seq: number) => `Wedi torri: y ddolen gyntaf sydd wedi torri yw digwyddiad ${seq}`,
    byServer: 'Wedi’i wirio gan y gweinydd',
    byBrowser: 'Wedi’i wirio yn y porwr hwn',
    chainOk: (n: number, head: string) => `Digwyddiadau: ${n}. Pen y gadwyn: ${head}.`,
    breaks: {
      missing: 'mae digwyddiad ar goll neu allan o drefn yma',
      unlinked: 'nid yw’r digwyddiad hwn yn cysylltu â’r digwyddiad cyn hynny',
      altered: 'mae’r digwyddiad hwn wedi cael ei newid: nid yw ei stwnsh yn cyfateb i’w gynnwys',
      unfoldable: 'nid yw’r digwyddiadau’n ffurfio panel',
      'differs-from-before': 'nid yw’r log bellach yn cynnwys y digwyddiadau a wiriodd y porwr hwn o’r blaen',
    } as Record<string, string>,
    recordOk: (hash: string) =>
      `Mae stwnsh y cofnod wedi’i rewi, ${hash}, yn cyfateb i’r log (mae’n enwi pen y gadwyn a nifer y digwyddiadau adeg y cwblhau).`,
    recordDiffers: (derived: string, served: string) =>
      `Nid yw’r cofnod wedi’i rewi y mae’r gweinydd yn ei ddarparu (${served}) yn cyfateb i’r un sy’n deillio o’r log (${derived}).`,
    recordBroken: 'Wedi torri: nid yw’r cofnod wedi’i rewi yn cyfateb i’r log',
    notFinalised: 'Heb ei gwblhau eto: nid oes cofnod wedi’i rewi i’w wirio.',
    rememberedOk: (n: number, at: string) =>
      `Mae’r log yn dal i gynnwys, heb eu newid, y digwyddiadau a wiriodd y porwr hwn ar ${at} (${eventCount(n)}).`,
    noCrypto:
      'Nid oedd y porwr hwn yn gallu cyfrifo stwnsh, felly dim ond gwiriad y gweinydd sy’n cael ei ddangos.',
    downloads: 'Lawrlwytho',
    auditLog: 'Log archwilio (llinellau JSON: pob digwyddiad a phob golygiad yn y gofod gwaith, pwy a phryd)',
    record: 'Cofnod wedi’i rewi (JSON)',
  },

  invite: {
    heading: 'Gwahodd rhywun',
    name: 'Enw’r person',
    role: 'Rôl ar y panel hwn',
    submit: 'Creu dolen wahodd',
    link: 'Dolen wahodd',
    linkHint: (at: string) =>
      `Anfonwch y ddolen hon at y person yn breifat. Dim ond unwaith y mae’n gweithio, ac mae’n dod i ben ar ${at}.`,
    copy: 'Copïo’r ddolen',
    copied: 'Mae’r ddolen wedi’i chopïo.',
    sameName: (name: string) =>
      `Mae ${name} eisoes yn aelod o’r panel hwn. I’w gadael i mewn ar ddyfais arall, defnyddiwch “Dolen mewngofnodi newydd” wrth ymyl ei henw o dan Pobl. Gwahodd person gwahanol â’r un enw?`,
    inviteAnyway: 'Gwahodd person arall â’r enw hwn',
  },

  people: {
    heading: 'Pobl',
    you: 'chi',
    online: 'ar-lein nawr',
    lastSeen: (when: string) => `gwelwyd ddiwethaf ${when}`,
    joined: 'wedi ymuno',
    notSeen: 'heb ei weld eto',
    invited: 'Wedi’u gwahodd, heb ymuno eto',
    expires: (when: string) => `mae’r ddolen yn dod i ben ${when}`,
    reissue: 'Dolen mewngofnodi newydd',
    remove: 'Tynnu',
    revoke: 'Tynnu’n ôl',
    confirmRemove: (name: string) =>
      `Tynnu ${name} o’r panel hwn? Mae ei gysylltiad yn cau nawr a’i ddolenni’n peidio â gweithio; mae’r hyn a wnaeth yn aros yn y cofnod.`,
    removed: (name: string) => `Tynnwyd ${name} o’r panel.`,
    revoked: (name: string) => `Tynnwyd y gwahoddiad i ${name} yn ôl.`,
    linkMade: (name: string) => `Mae dolen mewngofnodi newydd i ${name} isod.`,
    linkFor: (name: string) => `Dolen mewngofnodi i ${name} (anfonwch hi’n breifat; mae’n gweithio unwaith)`,
    myName: 'Eich enw ar baneli',
    saveName: 'Cadw’r enw',
    nameSaved: 'Cadwyd eich enw.',
  },

  // Past tense in the short form ("Cynigiodd Ann …"); a stance always follows a colon, so it never mutates.
  activity: {
    proposal: (name: string, sid: string, from: string, to: string) =>
      `Cynigiodd ${name} newid ${sid}: ${from} → ${to}.`,
    vote: (name: string, stance: string, sid: string) => `Pleidleisiodd ${name} ar ${sid}: ${stance}.`,
    voteChanged: (name: string, stance: string, sid: string) =>
      `Newidiodd ${name} y bleidlais ar ${sid}: ${stance}.`,
    retracted: (name: string, sid: string) => `Tynnodd ${name} y cynnig ar ${sid} yn ôl.`,
    applied: (name: string, sid: string) => `Rhoddodd ${name} y cynnig ar ${sid} ar waith.`,
    rejected: (name: string, sid: string) => `Gwrthododd ${name} y cynnig ar ${sid}.`,
    finalised: (name: string) => `Cwblhaodd ${name} y panel.`,
    joined: (name: string) => `Ymunodd ${name} â’r panel.`,
    // the summary comes from the server's log as recorded (in English)
    other: (name: string, summary: string) => `${name}: ${summary}.`,
  },

  map: {
    heading: 'Map y ffiniau',
    showQuestions: 'Dangos y cwestiynau allweddol',
    onlyDiscretion: 'Dangos dim ond y safonau sy’n agored i ddisgresiwn',
    keys: 'Mae’r bysellau saeth yn symud rhwng y rhesi; mae Enter yn agor safon.',
    statusHead: 'Nawr, a’r panel',
    lowest: (kq: string, figures: string, band: string) =>
      `Y cwestiwn allweddol isaf, ${kq}: ${figures}, ${band}.`,
    question: (kq: string, figures: string, band: string) => `Cwestiwn allweddol ${kq}: ${figures}, ${band}.`,
    inWindow: (n: number) => `O fewn ${n} pwynt i ffin.`,
    shift: (direction: string, kq: string, rating: string) =>
      direction === 'up'
        ? `Byddai un ‘ie’ arall ar ${kq} (ateb un achos) yn ei gwneud yn ${rating}.`
        : `Byddai un ‘ie’ yn llai ar ${kq} (ateb un achos) yn ei gwneud yn ${rating}.`,
    proposal: (to: string, status: string, votes: number) =>
      `Cynnig i ${to}: ${status} (pleidleisiau: ${votes})`,
    legend: 'Allwedd',
    keyDriving: 'Y cwestiwn allweddol isaf: hwn sy’n pennu’r radd',
    keyQuestion: 'Cwestiwn allweddol arall',
    keyWindow: (n: number) => `O fewn ${n} pwynt i ffin (wedi’i groeslinellu)`,
    keyShift: 'Lle byddai ateb un achos yn mynd â hi',
    keyBoundary: 'Ffin band',
  },

  outcome: {
    now: 'Y radd nawr',
    final: 'Y radd derfynol',
    rulesBased: 'yn ôl y rheolau',
    raised: (name: string, at: string) =>
      `Wedi’i chodi drwy ddisgresiwn proffesiynol: penderfyniad gan ${name}, ${at}`,
    lowered: (name: string, at: string) =>
      `Wedi’i gostwng drwy ddisgresiwn proffesiynol: penderfyniad gan ${name}, ${at}`,
    footnote: 'Troednodyn',
    scoreRules: (score: string) => `yn ôl y rheolau ${score}`,
    movedBy: (ids: string) => `wedi newid oherwydd y penderfyniadau ar ${ids}`,
  },

  // Ar draws paneli: y gofrestr disgresiwn (sicrhau ansawdd) a rolau cyfrifon (trefnwyr).
  register: {
    title: 'Cofrestr disgresiwn',
    intro:
      'Pob penderfyniad gan bob panel sydd wedi’i gwblhau: lle’r oedd disgresiwn ar agor, i ba gyfeiriad y’i defnyddiwyd a pham. Ar gyfer sicrhau ansawdd; darllen yn unig.',
    forbidden: 'Mae angen y rôl sicrhau ansawdd i weld y gofrestr disgresiwn. Gall trefnydd ei rhoi.',
    filters: 'Hidlwyr',
    framework: 'Fframwaith',
    standard: 'Safon',
    trigger: 'Sbardun',
    direction: 'Cyfeiriad',
    outcome: 'Canlyniad',
    from: 'O (BBBB-MM)',
    to: 'Hyd at (BBBB-MM)',
    any: 'Unrhyw un',
    triggers: {
      'near-boundary': 'Yn agos at ffin',
      'one-answer-flip': 'Byddai un ateb yn ei newid',
    } as Record<string, string>,
    directions: { up: 'I fyny', down: 'I lawr' } as Record<string, string>,
    outcomes: { applied: 'Wedi’i gymhwyso', rejected: 'Wedi’i wrthod' } as Record<string, string>,
    count: (rows: number, panels: number) => `Penderfyniadau: ${rows}. Paneli wedi’u cwblhau: ${panels}.`,
    syntheticCount: (n: number) =>
      n
        ? `Paneli synthetig ymhlith y rhain (a wnaed gan y generadur hadog ar gyfer profion a’r demo): ${n}.`
        : 'Nid oes yr un o’r paneli hyn yn synthetig.',
    csv: 'Lawrlwytho’r rhesi hyn (CSV)',
    charts: 'Cysondeb ar yr olwg gyntaf',
    byStandard: 'Pob safon: ar agor i ddisgresiwn, wedi’i chynnig, wedi’i chymhwyso ac wedi’i gwrthod',
    open: 'Ar agor',
    proposed: 'Wedi’i chynnig',
    applied: 'Wedi’i chymhwyso',
    rejected: 'Wedi’i gwrthod',
    up: 'I fyny',
    down: 'I lawr',
    triggerShare: 'Pa sbardunau agorodd y penderfyniadau',
    nearBoundaryOnly: 'Yn agos at ffin yn unig',
    flipOnly: 'Un ateb yn unig',
    both: 'Y ddau',
    decisions: 'Penderfyniadau',
    distance: 'Pellter o’r ffin: wedi’u cymhwyso ac wedi’u gwrthod',
    distanceCol: 'Pwyntiau o’r ffin',
    moved: 'Paneli yn ôl faint y symudodd y sgôr derfynol o’r sgôr yn ôl y rheolau',
    service: 'Gwasanaeth',
    rulesScore: 'Sgôr yn ôl y rheolau',
    finalScore: 'Sgôr derfynol',
    movedCol: 'Symudiad',
    tableHeading: 'Y penderfyniadau',
    caption: 'Penderfyniadau paneli sydd wedi’u cwblhau',
    date: 'Cyhoeddwyd',
    change: 'Newid',
    votes: 'O blaid / yn erbyn / ymatal',
    sealed: (views: string) => `wedi’u selio: ${views}`,
    text: 'Troednodyn neu reswm',
    lead: 'Arweinydd',
    replay: 'Ailchwarae',
    openReplay: (sid: string, service: string) => `Ailchwarae ${sid} o ${service}`,
    synthetic: 'synthetig',
    correction: (id: string) => `cywiriad o ${id}`,
    none: 'Nid oes penderfyniadau’n cyfateb i’r hidlwyr hyn.',
    shown: (n: number, total: number) => `Yn dangos y ${n} cyntaf o ${total}; mae’r CSV yn eu cynnwys i gyd.`,
  },

  accounts: {
    title: 'Cyfrifon a rolau',
    intro:
      'Mae sicrhau ansawdd yn darllen pob panel sydd wedi’i gwblhau a’r gofrestr disgresiwn, a dim byd nad yw wedi’i gwblhau. Caiff pob rhoi a thynnu’n ôl ei gofnodi mewn log cadwyn stwnsh.',
    name: 'Enw',
    roles: 'Rolau',
    organiser: 'Trefnydd',
    qa: 'Sicrhau ansawdd',
    grant: (name: string) => `Rhoi sicrhau ansawdd i ${name}`,
    withdraw: (name: string) => `Tynnu sicrhau ansawdd yn ôl oddi wrth ${name}`,
    granted: (name: string) => `Mae gan ${name} y rôl sicrhau ansawdd bellach.`,
    withdrawn: (name: string) => `Nid oes gan ${name} y rôl sicrhau ansawdd mwyach.`,
    log: 'Log newidiadau mynediad',
    logOk: (n: number) => `Newidiadau: ${n}; mae pob dolen yn gywir.`,
    logBroken: (why: string) => `Nid yw’r log yn gywir: ${why}`,
    logEntry: (at: string, by: string, what: string, name: string) => `${at}: ${by} ${what} ${name}`,
    grantedVerb: 'wedi rhoi sicrhau ansawdd i',
    withdrawnVerb: 'wedi tynnu sicrhau ansawdd yn ôl oddi wrth',
  },

  previous: {
    heading: 'Arolygiad blaenorol y gwasanaeth hwn',
    intro: (title: string, when: string, framework: string) =>
      `${title}, a arolygwyd ${when}, wedi’i raddio o dan ${framework}. Ei raddau cyhoeddedig wrth ymyl y graddau nawr:`,
    link: 'Ei adroddiad',
    caption: 'Graddau yn yr arolygiad blaenorol a nawr, safon wrth safon',
    standard: 'Safon',
    previous: 'Arolygiad blaenorol',
    now: 'Nawr',
    overall: 'Gradd gyffredinol',
    notSharedNow: (ids: string) =>
      `Ddim yn gymaradwy: nid oes gan y fframwaith blaenorol safon ${ids} fel y mae’r un hwn yn ei diffinio.`,
    notSharedPrevious: (ids: string) =>
      `Graddiodd yr arolygiad blaenorol ${ids} hefyd, nad yw yn y fframwaith hwn.`,
    noneShared:
      'Nid oes gan y ddau fframwaith yr un safon yn gyffredin, felly ni ellir cymharu’r graddau safon wrth safon.',
  },

  // Cywiriadau: cofnod newydd sy’n gysylltiedig â’r un wedi’i rewi, byth yn newid iddo.
  correction: {
    openedStep: (name: string, id: string) => `Agorodd ${name} y cywiriad hwn o gofnod ${id}.`,
    linkedStep: (name: string, id: string) => `Agorodd ${name} gywiriad: panel ${id}.`,
    correctedOn: (at: string, by: string) => `Cywirwyd ar ${at} gan ${by}:`,
    openedOn: (at: string, by: string) => `Agorwyd cywiriad ar ${at} gan ${by}; nid yw wedi’i gwblhau eto:`,
    seeRecord: (id: string) => `gweler cofnod ${id}`,
    seePanel: (id: string) => `gweler panel ${id}`,
    invited: 'Rydych wedi’ch gwahodd i’r cywiriad.',
    accept: 'Derbyn a’i agor',
    heading: 'Cywiriad',
    corrects: (id: string, title: string) => `Mae’r cofnod hwn yn cywiro cofnod ${id} (${title}).`,
    correctsMissing: (id: string) => `Mae’r cofnod hwn yn cywiro cofnod ${id}, na ellir dod o hyd iddo.`,
    hashMismatch: 'Nid stwnsh y cofnod a gywirwyd yw’r un y mae’r cywiriad hwn yn ei enwi.',
    reason: 'Y rheswm dros y cywiriad',
    openedBy: (at: string, by: string) => `Agorwyd ar ${at} gan ${by}.`,
    originalHash: (h: string) => `Stwnsh y cofnod a gywirwyd: ${h}`,
    thisHash: (h: string) => `Stwnsh y cofnod hwn: ${h}`,
    differences: 'Beth newidiodd o’i gymharu â’r cofnod a gywirwyd',
    noDifferences: 'Nid oes dim wedi newid o’i gymharu â’r cofnod a gywirwyd.',
    caption: 'Gwahaniaethau, safon wrth safon',
    what: 'Beth',
    before: 'Y cofnod a gywirwyd',
    after: 'Y cofnod hwn',
    kinds: {
      input: 'Mewnbwn',
      'rules-based': 'Gradd yn ôl y rheolau',
      final: 'Gradd derfynol',
      footnote: 'Troednodyn',
      score: 'Sgôr',
      overall: 'Gradd gyffredinol',
    } as Record<string, string>,
    keyQuestion: (id: string) => `cwestiwn allweddol ${id}`,
    caseMoved: (ref: string, before: string, after: string) => `achos ${ref}: ${before} → ${after}`,
    answers: { yes: 'ie', no: 'na', 'n/a': 'ddim yn berthnasol', '': 'ddim yn y sampl' } as Record<
      string,
      string
    >,
    notCarried: 'Penderfyniadau na chawsant eu trosglwyddo o’r cofnod a gywirwyd',
    notCarriedItem: (sid: string, to: string, why: string) => `${sid} (i ${to}): ${why}`,
    carried: 'Wedi’i drosglwyddo o’r cofnod a gywirwyd.',
    banner: (id: string) => `Mae’r panel hwn yn cywiro cofnod ${id}.`,
    seeDifferences: 'Beth newidiodd, ar yr adroddiad',
    reopen: 'Ailagor y penderfyniad hwn',
    reopened: 'Penderfyniad wedi’i ailagor: gellir cynnig y safon eto.',
    open: 'Agor cywiriad',
    openIntro:
      'Nid yw cofnod wedi’i gwblhau byth yn newid. Panel newydd yw cywiriad, sy’n gysylltiedig â’r cofnod hwn, ac sy’n dechrau o’i arolygiad, ei aelodau a’i benderfyniadau; bydd y cofnod hwn yn dweud iddo gael ei gywiro.',
    reasonHint: 'Caiff ei gyhoeddi gyda’r cywiriad. Peidiwch â chynnwys data personol.',
    file: 'Ffeil arolygiad wedi’i chywiro (dewisol)',
    fileHint:
      'Gadewch yn wag i gadw arolygiad y cofnod hwn. Mae ffeil sy’n enwi grid achosion angen y grid hefyd.',
    grid: 'Ei grid achosion (CSV)',
    chosen: (name: string) => `Wedi’i dewis: ${name}`,
    submit: 'Agor y cywiriad',
    preview: 'Dangos beth mae’r ffeil yn ei newid',
    previewed: (n: number) =>
      n ? `Gwahaniaethau o’i gymharu â’r cofnod hwn: ${n}.` : 'Dim gwahaniaeth o’i gymharu â’r cofnod hwn.',
    withFile: 'Gyda’r ffeil wedi’i chywiro',
    opened: 'Mae’r cywiriad ar agor. Cafodd yr aelodau eu gwahodd eto; dyma eu dolenni:',
    goTo: 'Mynd i’r cywiriad',
  },

  // Gosodiadau’r panel (pleidleisiau cudd, cworwm, datgelu ohonynt eu hunain), ar dudalen y panel ac yn yr adroddiad.
  settings: {
    heading: 'Gosodiadau’r panel',
    blindOn:
      'Mae’r pleidleisiau’n gudd: caiff pob pleidlais ei selio nes bydd yr arweinydd yn eu datgelu i gyd gyda’i gilydd.',
    blindOff: 'Mae’r pleidleisiau’n agored: mae pawb yn gweld pob pleidlais wrth iddi gael ei bwrw.',
    quorumNone: 'Cworwm: dim. Gall yr arweinydd benderfynu ar unrhyw nifer o bleidleisiau.',
    quorumMin: (n: number) => `Cworwm: o leiaf ${votesCy(n)} ar gynnig.`,
    quorumEvery: 'Cworwm: mae pob arolygydd wedi pleidleisio ar gynnig.',
    autoOn:
      'Caiff pleidleisiau dan sêl eu datgelu ohonynt eu hunain pan fydd pob arweinydd ac arolygydd wedi pleidleisio.',
    autoOff: 'Yr arweinydd sy’n datgelu pleidleisiau dan sêl.',
    change: 'Newid y gosodiadau',
    blindLabel: 'Pleidleisiau cudd',
    blindHint:
      'Caiff pob pleidlais ei selio nes bydd yr arweinydd yn eu datgelu gyda’i gilydd, fel nad yw’r llais cyntaf yn dylanwadu ar neb.',
    blindFixed: 'Mae pleidleisiau wedi’u bwrw, felly ni ellir newid y pleidleisio cudd mwyach.',
    quorumLegend: 'Cworwm',
    quorumNoneOption: 'Dim',
    quorumMinOption: 'O leiaf nifer o bleidleisiau',
    quorumMinLabel: 'Pleidleisiau sydd eu hangen',
    quorumEveryOption: 'Pob arolygydd',
    autoLabel: 'Datgelu ohonynt eu hunain pan fydd pob arweinydd ac arolygydd wedi pleidleisio',
    save: 'Cadw’r gosodiadau',
    saved: 'Mae’r gosodiadau wedi’u cadw.',
    badNumber: 'Rhowch rif cyfan o bleidleisiau rhwng 1 a 100.',
    changed: (name: string) => `Newidiodd ${name} osodiadau’r panel.`,
  },

  // Pleidleisiau cudd: dan sêl tan y datgelu, yna’r dosbarthiad a phwy a newidiodd eu barn wedyn.
  blind: {
    sealedNotice:
      'Mae’r pleidleisiau dan sêl: nid oes neb, gan gynnwys yr arweinydd, yn gweld sut y pleidleisiodd unrhyw un nes bydd yr arweinydd yn eu datgelu gyda’i gilydd.',
    whoVoted: 'Pwy sydd wedi pleidleisio',
    voted: 'Wedi pleidleisio (dan sêl)',
    votedChanged: 'Wedi pleidleisio (dan sêl), wedi newid ers hynny',
    notVoted: 'Heb bleidleisio eto',
    mine: (stance: string) => `Eich pleidlais dan sêl: ${stance}.`,
    mineHidden: 'Dim ond chi sy’n gallu ei gweld tan y datgelu.',
    draftLocal:
      'Tra bo’r pleidleisiau’n gudd, mae’r drafft hwn yn aros yn y porwr hwn yn unig; nid yw’n cael ei rannu â’r panel.',
    sealedSent: 'Mae eich pleidlais dan sêl. Nid oes neb yn ei gweld tan y datgelu.',
    reveal: 'Datgelu’r pleidleisiau',
    revealHint:
      'Mae’n cyhoeddi pob pleidlais dan sêl ar y cynnig hwn ar unwaith. Yna gallwch benderfynu arno.',
    revealed: (sid: string) => `Mae’r pleidleisiau ar ${sid} wedi’u datgelu.`,
    revealedBy: (name: string, at: string) => `Wedi’u datgelu gan ${name}, ${at}.`,
    revealedAuto: (at: string) => `Wedi’u datgelu ohonynt eu hunain pan oedd pawb wedi pleidleisio, ${at}.`,
    decideAfterReveal: 'Datgelwch y pleidleisiau cyn penderfynu ar y cynnig hwn.',
    distribution: 'Sut y pleidleisiodd y panel',
    chartLabel: (support: number, oppose: number, abstain: number) =>
      `Adeg y datgelu: cefnogi ${support}, gwrthwynebu ${oppose}, ymatal ${abstain}.`,
    sealedView: 'Y farn dan sêl',
    finalView: 'Y farn derfynol',
    changedAfter: 'Wedi newid ar ôl y datgelu',
    unchanged: 'Heb newid',
    afterRevealOnly: 'Wedi pleidleisio ar ôl y datgelu',
    unopened: (n: number) =>
      `Tynnwyd yn ôl tra oedd y pleidleisiau dan sêl: ni fydd ${votesCy(n)} dan sêl byth yn cael eu hagor.`,
    sealedCount: (n: number) => `${votesCy(n)} dan sêl`,
    activitySealed: (name: string, sid: string) => `Bwriodd ${name} bleidlais dan sêl ar ${sid}.`,
    activityResealed: (name: string, sid: string) => `Newidiodd ${name} eu pleidlais dan sêl ar ${sid}.`,
    activityRevealed: (name: string, sid: string, n: number) =>
      `Datgelodd ${name} y pleidleisiau dan sêl ar ${sid} (${votesCy(n)}).`,
    activityAutoRevealed: (sid: string, n: number) =>
      `Cafodd y pleidleisiau dan sêl ar ${sid} (${votesCy(n)}) eu datgelu pan oedd pawb wedi pleidleisio.`,
    activityAfterReveal: (name: string, stance: string, sid: string) =>
      `Newidiodd ${name} eu pleidlais ar ${sid} i ${stance}, ar ôl y datgelu.`,
    replaySealed: 'Dan sêl: heb ei hagor ar y cam hwn',
    verifyOpenings: (n: number) =>
      `Mae pob agoriad yn cyfateb i’w ymrwymiad (${plural(n, { one: 'un agoriad', two: 'dau agoriad', other: `${n} o agoriadau` })}).`,
    verifyOpeningBroken: (seq: number) =>
      `Nid yw agoriad pleidlais dan sêl yn nigwyddiad ${seq} yn cyfateb i’w ymrwymiad.`,
  },

  quorum: {
    met: (votes: number) => `Mae’r cworwm wedi’i gyrraedd (${votesCy(votes)}).`,
    short: (votes: number, needed: number) =>
      `O dan y cworwm: ${votes} o’r ${needed} pleidlais sydd eu hangen.`,
    shortInspectors: (missing: number) =>
      `O dan y cworwm: ${plural(missing, { one: 'nid yw un arolygydd', two: 'nid yw dau arolygydd', other: `nid yw ${missing} o arolygwyr` })} wedi pleidleisio eto.`,
    overrideLabel: 'Rheswm dros benderfynu o dan y cworwm',
    overrideHint: 'Caiff ei gofnodi gyda’r penderfyniad a’i ddangos yn yr adroddiad.',
    needReason: 'Rhowch reswm dros benderfynu o dan y cworwm.',
    belowInReport: (votes: number, reason: string) =>
      `Penderfynwyd o dan y cworwm gyda ${votesCy(votes)}. Rheswm: ${reason}`,
  },

  // Pam nad oes gradd i safon neu'n gyffredinol; daw ar ôl "Dim gradd: " neu "Dim gradd gyffredinol: ".
  reasons: {
    judged: 'nodwyd yn yr arolygiad nad yw wedi’i graddio (er enghraifft, dim achosion o’r math hwn).',
    noQuestion: 'nid yw’r un o’i chwestiynau allweddol yn berthnasol i’r achosion a arolygwyd.',
    noOverall: 'nid yw’r fframwaith hwn yn rhoi sgôr gyffredinol.',
    overallJudgement: 'mae’r fframwaith hwn yn ei rhoi drwy ddyfarniad, ac nid oes un wedi’i roi eto.',
    areaNone: 'nid yw’r un o’i safonau wedi’i graddio.',
    areaJudgement: 'caiff ei rhoi drwy ddyfarniad, ac nid oes un wedi’i roi eto.',
    unrated: (count: number, ids: string) =>
      count === 1
        ? `nid yw safon ${ids} wedi’i graddio, ac mae pob safon a sgorir yn cyfrif tuag ati.`
        : `nid yw safonau ${ids} wedi’u graddio, ac mae pob safon a sgorir yn cyfrif tuag ati.`,
  },

  frameworks: {
    title: 'Fframweithiau',
    intro:
      'Y fframweithiau y mae paneli’n graddio yn eu herbyn: y rhai sydd wedi’u cynnwys, a’r rhai sydd ar gael yma. Mae panel yn cadw’r union fersiwn y cafodd ei greu gyda hi; nid yw fersiwn ddiweddarach byth yn ei newid.',
    listHeading: 'Fframweithiau sydd ar gael',
    colTitle: 'Fframwaith',
    colId: 'Dynodydd',
    colSource: 'Ffynhonnell',
    colVersion: 'Fersiwn',
    colActions: 'Camau gweithredu',
    builtin: 'Wedi’i gynnwys',
    uploaded: (by: string, at: string, versions: number) =>
      `Ychwanegwyd gan ${by}, ${at} (${plural(versions, { one: 'un fersiwn', two: 'dwy fersiwn', other: `${versions} o fersiynau` })})`,
    showFramework: (id: string) => `Dangos ${id}`,
    addHeading: 'Ychwanegu fframwaith',
    addIntro:
      'Dewiswch ffeil fframwaith (JSON, ratings-panel/framework@1 neu @2). Fe welwch bob problem ynddi, neu ragolwg i’w wirio cyn i chi ei gwneud ar gael i baneli.',
    organisersOnly: 'Dim ond trefnwyr sy’n gallu ychwanegu fframweithiau.',
    fileLabel: 'Ffeil fframwaith',
    notJson: (why: string) => `Nid ffeil JSON yw hon: ${why}`,
    checking: 'Wrthi’n gwirio’r fframwaith…',
    checked: (title: string) => `Wedi’i wirio: ${title}. Mae’r rhagolwg yn dilyn.`,
    invalid: 'Nid yw’r ffeil fframwaith yn ddilys',
    makeAvailable: 'Ei gwneud ar gael i baneli',
    saved: (title: string) => `Mae ${title} bellach ar gael i baneli.`,
    unchanged: (title: string) => `${title}: roedd y fersiwn hon ar gael yn barod.`,
    preview: {
      heading: (title: string) => `Rhagolwg: ${title}`,
      id: 'Dynodydd',
      format: 'Fformat',
      version: 'Fersiwn (sha256)',
      provisional: 'Dros dro: nid yw ei throthwyon wedi’u cyhoeddi.',
      ratings: 'Graddau, y gorau yn gyntaf',
      points: (n: number) => pointCount(n),
      bands: 'Bandiau',
      bandFrom: (rating: string, min: number) => `${rating} o ${min}%`,
      bandsPicture: (bands: string) => `Bandiau ar raddfa o 0 i 100%: ${bands}`,
      rules: 'Sut mae graddau’n cael eu ffurfio, a disgresiwn',
      standardRule: { lowest: 'Mae safon yn cymryd gradd isaf ei chwestiynau allweddol.' } as Record<
        string,
        string
      >,
      overallScore: (max: number, bands: string) =>
        `Mae’r radd gyffredinol yn ôl sgôr, allan o ${max}: ${bands}.`,
      scoreFrom: (rating: string, min: number) => `${rating} o ${min}`,
      overallJudgement: 'Rhoddir y radd gyffredinol drwy ddyfarniad.',
      overallNone: 'Nid yw’r fframwaith hwn yn rhoi gradd gyffredinol.',
      window: (points: number) =>
        `Mae bod yn agos at ffin yn golygu o fewn ${points} o bwyntiau canran iddi.`,
      triggers: (names: string) => `Mae disgresiwn yn agor pan fo safon ${names}.`,
      noTriggers: 'Nid oes sbardun sy’n agor disgresiwn.',
      triggerNames: {
        'near-boundary': 'yn agos at ffin',
        'one-answer-flip': 'un ateb achos i ffwrdd o radd arall',
      } as Record<string, string>,
      maxBands: (n: number) =>
        `Mae penderfyniad yn symud gradd ${plural(n, { one: 'un band', two: 'dau fand', other: `${n} o fandiau` })} ar y mwyaf.`,
      domains: 'Parthau, safonau a chwestiynau allweddol',
      kind: {
        cases: 'o achosion',
        judged: 'drwy ddyfarniad',
        mixed: 'o achosion a thrwy ddyfarniad',
      } as Record<string, string>,
      scored: 'yn cyfrif tuag at y sgôr',
      mayBeNotRated: 'efallai na chaiff ei graddio',
      kqBy: { cases: 'o achosion', judgement: 'drwy ddyfarniad' } as Record<string, string>,
      areas: 'Meysydd a raddir',
      areaRule: { lowest: 'gradd isaf ei safonau', judgement: 'drwy ddyfarniad' } as Record<string, string>,
      standardsList: (ids: string) => `safonau ${ids}`,
      samples: 'Samplau achosion',
      sampleRange: (min: number, max: number) => `${min} i ${max} o achosion`,
    },
    pinned: (title: string, hash: string) => `Fframwaith: ${title}, fersiwn ${hash}`,
  },

  judged: {
    heading: 'Drwy ddyfarniad',
    intro:
      'Mae’r fframwaith hwn yn gadael y graddau hyn i ddyfarniad y panel. Cynigiwch un gyda chyfiawnhad; yr arolygydd arweiniol sy’n penderfynu, fel ar gyfer safon.',
    overall: 'Gradd gyffredinol',
    rating: (what: string) => `Gradd ar gyfer ${what}`,
    choose: 'Dewiswch radd',
    justification: 'Cyfiawnhad',
    propose: 'Cynnig y radd hon',
    proposed: (what: string) => `Mae’r cynnig ar gyfer ${what} wedi’i anfon.`,
  },
}
