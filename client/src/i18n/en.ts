// Every word the app shows, in English, grouped by view. cy.ts copies these keys for Welsh.
// Rating labels ("Requires improvement") come from the framework data, exactly as published, not from here.
import { govukDate, govukDateTime, govukMonth } from '../lib/dates.ts'

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

export const en = {
  meta: { lang: 'en', complete: true },

  common: {
    appName: 'Ratings Panel',
    serviceOwner: 'HM Inspectorate of Probation',
    skipToContent: 'Skip to main content',
    signOut: 'Sign out',
    loading: 'Loading…',
    language: 'Language',
    cancel: 'Cancel',
    you: 'you',
    notRated: 'Not rated',
    error: 'There is a problem',
    networkError: 'The server could not be reached. Check your connection and try again.',
    pageNotFound: 'Page not found',
    pageNotFoundBody: 'Check the address, or go to the home page.',
    goHome: 'Go to the home page',
    signedInAs: (name: string) => `Signed in as ${name}`,
    notSignedIn:
      'To join a panel, open the sign-in link you were sent. You can rate a file without signing in.',
    sessionEnded: 'You are not signed in. Open a sign-in link to continue.',
    signInWithProvider: 'Sign in with your organisation',
    footer: 'Ratings are computed in the open: the rules are data, every decision is recorded.',
    privacyHint:
      'Refer to cases by reference only (for example C07). Never type a child’s name, date of birth or address: everything typed here stays in the panel’s history, even after it is deleted.',
    privacyWarning:
      'This looks like a date of birth or another personal date. Refer to cases by reference only.',
    privacyHeld:
      'This looks like a date of birth or another personal date, so it has not been shared with the panel. Remove it to carry on: refer to cases by reference only.',
    heldBlocksSending: 'Remove the date from the text before sending it.',
    refusedHeld: (why: string) =>
      `The server did not accept your last change here: ${why}. Your text is kept here and has not been shared with the panel. Edit it to share it, or discard it to see the shared text.`,
    refusedReasons: {
      'personal-data': 'it looks like a date of birth, another personal date or an address',
      ownership: 'this text is not yours to change',
      other: 'that change is not allowed in a panel',
      unsent: 'it was not sent, because the server refused another change of yours',
    } as Record<string, string>,
    discardRefused: 'Discard my text',
    dateTime: (iso: string) => govukDateTime('en', iso),
    date: (iso: string) => govukDate('en', iso),
    month: (value: string) => govukMonth('en', value),
  },

  errors: {
    prefix: 'Error',
    justification: 'Write the justification: at least a sentence',
    voteWhy: 'Write why you vote this way: at least a sentence',
    footnote: 'Write the footnote to publish: at least 10 characters',
    reason: 'Write the reason for rejecting: at least a sentence',
    name: 'Enter their name',
    finalised: 'The panel has been finalised, so its record cannot change.',
  },

  trust: {
    heading: 'This panel’s history has changed.',
    notExtending: (when: string, seq: number) =>
      `On ${when} this browser saw the panel’s history up to step ${seq}; what the server sends now does not contain it. Tell the lead inspector and an operator (npm run verify) before relying on it.`,
    badSignature:
      'The server’s signature on the newest step does not verify. Tell an operator (npm run verify) before relying on the panel.',
    notSigned:
      'The newest step the server signed is not the one this page received. Tell an operator (npm run verify) before relying on the panel.',
  },

  nav: {
    primary: 'Main',
    home: 'Your panels',
    rate: 'Rate a file',
    frameworks: 'Frameworks',
    register: 'Discretion register',
    accounts: 'Accounts',
  },

  roles: { lead: 'Lead inspector', inspector: 'Inspector', reviewer: 'Reviewer' } as Record<string, string>,
  stances: { support: 'Support', oppose: 'Oppose', abstain: 'Abstain' } as Record<string, string>,
  statuses: { open: 'Open', retracted: 'Retracted', applied: 'Applied', rejected: 'Rejected' } as Record<
    string,
    string
  >,

  files: {
    dropLabel: 'Drag and drop files here, or',
    chosen: 'Chosen files',
    remove: (name: string) => `Remove ${name}`,
    demo: 'Or use the demo inspection: Gloucestershire, 2020, as published',
    demoFailed: 'The demo inspection could not be loaded. Check your connection and try again.',
    hint: 'An inspection file (JSON, ratings-panel/inspection@1 or @2) and, if it names one, its case grid (CSV, or an .xlsx spreadsheet when creating a panel). For rules not built in or not on the Frameworks page, add the framework file (JSON, ratings-panel/framework@1 or @2).',
    notReadable: (name: string) => `${name} could not be read.`,
    unknownType: (name: string) => `${name} is not a .json, .csv or .xlsx file.`,
    notJson: (name: string, detail: string) => `${name} is not valid JSON: ${detail}`,
    twoJson: 'Choose one inspection file (JSON) at a time.',
    twoCsv: 'Choose one case grid (CSV or .xlsx) at a time.',
    xlsxOnServer: (name: string) =>
      `${name} is a spreadsheet: it is read on the server, so use it to create a panel, or save its sheet as CSV to rate it here.`,
    twoFrameworks: 'Choose one framework file at a time.',
    unknownFramework: (id: string) => `There is no framework ${id}.`,
    gridMissing: (name: string) => `The inspection file names a case grid, ${name}: choose it too.`,
  },

  problems: {
    heading: (n: number) => `${n} ${plural(n, 'problem', 'problems')} to fix`,
    firstOf: (shown: number, total: number) => `The first ${shown} of ${total} are listed here.`,
  },

  rate: {
    title: 'Rate an inspection file',
    intro:
      'Choose an inspection file to see its ratings by the published rules: every key question, standard and the overall score, and which standards are open to professional discretion. Nothing leaves this browser.',
    framework: 'Framework',
    frameworkHint: 'Used when you choose a case grid (CSV) on its own.',
    provisional: 'provisional',
    gridOnly: 'Rating a case grid on its own',
    judgedHeading: 'Organisational standards (rated by judgement)',
    judgedHint: 'A case grid has no judgements. Choose them here, or leave a standard not rated.',
    serviceName: 'Service name',
    resultHeading: (service: string) => `Ratings for ${service}`,
    signInToPanel: 'To review these ratings with others, an organiser creates a panel from the same file.',
  },

  result: {
    caption: (framework: string) => `Ratings by standard (${framework})`,
    domain: 'Domain',
    domainHeading: (id: string, title: string) => `Domain ${id}: ${title}`,
    standard: 'Standard',
    rating: 'Rating',
    keyQuestions: 'Key questions',
    triggers: 'Open to discretion',
    none: 'None',
    judged: (rating: string) => `${rating} (by judgement)`,
    judgedShort: 'by judgement',
    notScored: 'does not count toward the score',
    overallHeading: 'Overall',
    score: (score: number, max: number) => `${score}/${max}`,
    overallRating: 'Overall rating',
    noOverall: 'No overall rating',
    overallByJudgement: 'Given by judgement',
    areasHeading: 'Rated areas',
    areaRule: { lowest: 'the lowest rating of its standards', judgement: 'given by judgement' } as Record<
      string,
      string
    >,
    areaStandards: (ids: string) => `Standards ${ids}`,
    provisionalFramework:
      'This framework’s thresholds are provisional: they are not in the published sources.',
  },

  kq: {
    counts: (yes: number, assessed: number) => `${yes} of ${assessed}`,
    percentOnly: 'published percentage, no case count',
    notApplicable: 'Not applicable to any case',
    driving: 'lowest — sets the rating',
    barLabel: (id: string, shown: string, counts: string, where: string) =>
      `${id}: ${shown}${counts ? ` (${counts})` : ''}. ${where}`,
    cases: 'Cases',
    casesYes: (n: number) => `Yes (${n})`,
    casesNo: (n: number) => `No (${n})`,
    casesNa: (n: number) => `Not applicable (${n})`,
    note: 'Note',
  },

  sensitivity: {
    pointsBelow: (points: string, rating: string, boundary: number) =>
      `${points} points below ${rating} (${boundary}%)`,
    pointsAbove: (points: string, rating: string, boundary: number) =>
      `${points} points above the ${rating} boundary (${boundary}%)`,
    rounding: (shown: string, boundary: number | null) =>
      `⚠ shows ${shown} but is below ${boundary ?? shown.replace('%', '')}%`,
    couldGoUp: '▲ Could go up',
    couldGoDown: '▼ Could go down',
    nearUp: (points: string, rating: string) => `near boundary (${points} points below ${rating})`,
    nearDown: (points: string, rating: string) =>
      `near boundary (only ${points} points above the ${rating} boundary)`,
    nearBoundary: 'near boundary',
    flipUp: (kq: string, to: string) => `one answer flips (one more yes on ${kq} makes it ${to})`,
    flipDown: (kq: string, to: string) => `one answer flips (one yes fewer on ${kq} makes it ${to})`,
    oneAnswerFlip: 'one answer flips',
    shortOf: (points: number, rating: string) =>
      `${points} ${plural(points, 'point', 'points')} short of ${rating}`,
    fallsTo: (points: number, rating: string) =>
      `${points} ${plural(points, 'point', 'points')} fewer would make it ${rating}`,
    flipsHeading: 'Which single answer would move the rating',
    flipLine: (kq: string, change: string, to: string) =>
      `${kq}: one answer ${change} makes the standard ${to}`,
    flipCases: (cases: string) => `Cases whose answer would do it: ${cases}`,
    noFlips: 'No single answer would move this rating.',
    changeUp: 'No → Yes',
    changeDown: 'Yes → No',
  },

  home: {
    title: 'Your panels',
    none: 'You are not on any panel yet. When a lead inspector invites you, the panel appears here.',
    caption: 'Panels you are a member of',
    panel: 'Panel',
    framework: 'Framework',
    role: 'Your role',
    created: 'Created',
    status: 'Status',
    finalised: (at: string) => `Finalised ${at}`,
    inProgress: 'In progress',
  },

  create: {
    title: 'Create a panel',
    intro: 'You will be its lead inspector. Invite the other members from the panel page.',
    titleLabel: 'Panel title',
    titleHint: 'Optional. Leave blank to use the service name from the file.',
    serviceLabel: 'Service identifier',
    serviceHint:
      'Optional. The same identifier on each inspection of a service links them: the panel shows the previous inspection’s ratings. Letters, digits, _ . : - only.',
    filesLabel: 'Inspection file',
    submit: 'Create panel',
    submitting: 'Creating…',
    needFile: 'Choose an inspection file (JSON).',
    invalid: 'The inspection file is not valid',
    created: (title: string) => `Panel “${title}” created.`,
  },

  panel: {
    loading: 'Opening the panel…',
    notFound: 'This panel does not exist, or you are not a member of it.',
    yourRole: (role: string) => `Your role: ${role}`,
    finalisedBanner: (at: string, by: string) =>
      `Finalised on ${at} by ${by}. The record is frozen: everything here is read-only.`,
    readOnlyReviewer: 'You are a reviewer: you can see everything but not change it.',
    boardHeading: 'Board',
    boardNav: 'Panel sections',
    report: 'Report',
    replay: 'Replay',
    activity: 'Activity',
    noActivity: 'Nothing has happened yet.',
    openStandard: (id: string, title: string) => `Open ${id} ${title}`,
    proposalSummary: (to: string, status: string) => `Proposal to ${to}: ${status}`,
    votesSummary: (support: number, oppose: number, abstain: number) =>
      `${support} support, ${oppose} oppose, ${abstain} abstain`,
    discretionCount: (n: number) => `${n} ${plural(n, 'standard is', 'standards are')} open to discretion`,
  },

  overall: {
    heading: 'Overall score',
    now: 'Now',
    rulesBased: 'Rules-based',
    projected: 'If every open proposal were applied',
    final: 'Final',
    noOverall: (reason: string) => `No overall rating: ${reason}`,
  },

  connection: {
    label: 'Connection',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline — your edits are kept and will be sent',
    stopped: {
      session: 'Disconnected: your session has ended. Sign in again to continue.',
      membership: 'Disconnected: you are not a member of this panel.',
      'read-only': 'Disconnected: this document is read-only for you. Reload the page to see the latest.',
      'too-large': 'Disconnected: a change was too large to send.',
      rate: 'Disconnected: too many changes at once. Reload the page.',
      malformed: 'Disconnected after a message the server could not read. Reload the page.',
      other: 'Disconnected. Reload the page.',
    } as Record<string, string>,
  },

  presence: {
    heading: 'Here now',
    nobody: 'Only you.',
    viewing: (sid: string) => `viewing ${sid}`,
    onBoard: 'on the board',
    typing: (name: string) => `${name} is typing…`,
    typingMany: (names: string) => `${names} are typing…`,
  },

  focus: {
    bring: 'Bring everyone here',
    brought: (sid: string) => `Everyone has been asked to look at ${sid}.`,
    asked: (name: string, sid: string, title: string) => `${name} asks everyone to look at ${sid} ${title}.`,
    inFocus: (name: string) => `◆ In focus (set by ${name})`,
  },

  agenda: {
    label: 'Agenda',
    notStarted: (n: number) => `${n} ${plural(n, 'standard', 'standards')} open to discretion; not started.`,
    position: (n: number, total: number, name: string) => `${n} of ${total}, ${name}`,
    previous: (sid: string) => `Previous: ${sid}`,
    previousNone: 'Previous',
    next: (sid: string) => `Next: ${sid}`,
    start: (sid: string) => `Start with ${sid}`,
    end: 'End of the agenda',
  },

  follow: {
    label: 'Following the lead',
    following: (name: string, standard: string) => `You are following ${name}: ${standard}.`,
    stop: 'Stop following',
    elsewhere: (name: string, standard: string) => `${name} is on ${standard}.`,
    back: 'Return to the lead',
    moved: (name: string, sid: string, title: string) => `Following ${name} to ${sid} ${title}.`,
  },

  standard: {
    backToBoard: 'Back to the board',
    questions: 'Key questions',
    judged: (rating: string) => `Rated by judgement: ${rating}`,
    notRated: (reason: string) => `Not rated: ${reason}`,
    notesHeading: 'Shared notes',
    notesLabel: (sid: string) => `Notes on ${sid}`,
    notesHint: 'Everyone on the panel can edit these notes. They are not published.',
    proposalsHeading: 'Proposals',
    noProposals: 'No proposals yet.',
    noTriggers: 'This standard is not open to discretion: it keeps its rules-based rating.',
    proposedBy: (name: string, at: string) => `Proposed by ${name}, ${at}`,
    justification: 'Justification',
    votes: 'Votes',
    voter: 'Member',
    stance: 'Vote',
    noVotes: 'No votes yet.',
    voteHistory: 'Vote history',
    decision: (outcome: string, name: string, at: string) => `${outcome} by ${name}, ${at}`,
    footnote: 'Footnote',
    reason: 'Reason',
    retract: 'Retract proposal',
    retracted: 'Proposal retracted.',
  },

  propose: {
    heading: 'Propose a change',
    target: 'Proposed rating',
    targetHint: 'Discretion moves a rating one band at most, only in a triggered direction.',
    direction: { up: '▲ up', down: '▼ down' } as Record<string, string>,
    justification: 'Justification (drafted together)',
    justificationHint: 'Everyone on the panel can write in this draft at once.',
    submit: 'Propose',
    chooseRating: 'Choose the rating you propose.',
    sent: (sid: string, to: string) => `Proposal sent: ${sid} to ${to}.`,
  },

  vote: {
    heading: 'Your vote',
    stance: 'Your vote on this proposal',
    justification: 'Why (your own draft)',
    submit: 'Cast vote',
    chooseStance: 'Choose support, oppose or abstain.',
    change: 'Change vote',
    sent: (stance: string) => `Your vote (${stance}) is recorded.`,
    current: (stance: string) => `You voted ${stance}.`,
  },

  footnote: {
    heading: 'Footnote (drafted together)',
    hint: 'Everyone on the panel can write it at once. The lead decides; it is published beside the rating.',
    suggested: 'Suggested starting text, in the words of the published footnotes:',
    use: 'Start the footnote with this text',
    used: 'The suggested text is in the footnote draft.',
    closingUp: (name: string, rating: string) =>
      `For this reason, we raised the rating for ${name} to ‘${rating}’ in order to provide a more accurate reflection of its performance.`,
    closingDown: (name: string, rating: string) =>
      `For this reason, we lowered the rating for ${name} to ‘${rating}’ in order to provide a more accurate reflection of its performance.`,
  },

  decide: {
    heading: 'Decide (lead inspector)',
    outcome: 'Decision',
    apply: 'Apply the proposal',
    reject: 'Reject the proposal',
    footnote: 'Footnote to publish',
    footnoteFrom: 'Applying it publishes the footnote drafted above, as it stands:',
    reason: 'Reason for rejecting',
    submit: 'Record decision',
    chooseOutcome: 'Choose whether to apply or reject the proposal.',
    sent: (outcome: string, sid: string) => `Decision recorded: ${sid} ${outcome}.`,
  },

  finalise: {
    heading: 'Final ratings',
    live: 'Updates as the lead decides proposals.',
    button: 'Finalise the panel',
    blocked: (ids: string) => `You can finalise once every proposal is decided. Still open: ${ids}.`,
    dialogTitle: 'Finalise the panel?',
    dialogBody:
      'This freezes the record: the inputs, rules-based ratings, proposals, votes, decisions, footnotes and final ratings. It cannot be undone. A correction would be a new, linked record.',
    kept: (ids: string) =>
      `Open to discretion with no proposal, so they keep their rules-based rating: ${ids}.`,
    confirm: 'Finalise — this cannot be undone',
    done: 'The panel is finalised.',
    rulesBased: 'Rules-based',
    final: 'Final',
    changed: 'changed by discretion',
  },

  report: {
    title: (service: string) => `Ratings: ${service}`,
    draft: 'Not finalised yet. This is how the report would look with the decisions made so far.',
    caption: 'Ratings by domain and standard',
    standard: 'Standard',
    rating: 'Rating',
    overall: 'Overall rating',
    score: 'Score',
    footnotes: 'Footnotes',
    footnoteRef: (n: number) => `footnote ${n}`,
    kept: 'Triggered standards nobody proposed to change kept their rules-based rating',
    downloads: 'Download',
    json: 'Frozen record (JSON)',
    csv: 'Final ratings (CSV)',
    framework: 'Framework',
    service: 'Service inspected',
    fieldwork: 'Fieldwork',
    published: 'Published',
    lead: 'Lead inspector',
    members: 'Panel members',
    member: (name: string, role: string) => `${name} (${role})`,
    pdf: 'Save as PDF',
    pdfHint:
      'This opens your browser’s print window: choose ‘Save as PDF’ as the destination. Every rating prints in words and in its own border style, never by colour alone.',
    hash: (h: string) => `Record hash: ${h}`,
    backToPanel: 'Back to the panel',
    finalisedOn: (at: string, by: string) => `Finalised on ${at} by ${by}.`,
  },

  replay: {
    title: 'Replay',
    heading: (title: string) => `Replay: ${title}`,
    intro:
      'Step through the panel’s history to see how each rating came to be: the board, the score, the votes, the drafts and the notes exactly as they were at each point. Everything here is read-only.',
    forbidden:
      'Replay is open to the lead inspector and reviewers. Inspectors see the panel’s activity on the board.',
    time: (iso: string) => govukDateTime('en', iso, true),
    // the scrubber
    scrubberHeading: 'Scrub through the history',
    slider: 'Position in the history',
    valueText: (n: number, total: number, what: string, when: string) =>
      `Step ${n} of ${total}: ${what} ${when}`,
    playback: 'Playback',
    play: 'Play',
    pause: 'Pause',
    toStart: 'Go to the start',
    toEnd: 'Go to the end',
    stepBack: 'Step back',
    stepForward: 'Step forward',
    speed: 'Speed',
    speedOption: (n: number) => `${n} ${plural(n, 'step', 'steps')} a second`,
    eventsOnly: 'Step and play through panel events only (skip workspace edits)',
    loading: (n: number) => `Loading step ${n}…`,
    showing: (n: number, total: number) => `Step ${n} of ${total}`,
    announce: (n: number, total: number, what: string, score: string) =>
      `Showing step ${n} of ${total}: ${what} ${score}`,
    scoreThen: (score: string) => `Score then: ${score}.`,
    // what steps say
    created: (name: string) => `${name} created the panel.`,
    memberAdded: (name: string, role: string) => `${name} was added as ${role}.`,
    memberWasInvited: (by: string, name: string, role: string) => `${by} invited ${name} as ${role}.`,
    inviteRevoked: (by: string, name: string) => `${by} revoked the invitation for ${name}.`,
    roleChanged: (by: string, name: string, role: string) => `${by} made ${name} ${role}.`,
    memberRemoved: (by: string, name: string) => `${by} removed ${name} from the panel.`,
    edited: (name: string) => `${name} edited the shared drafts.`,
    edits: (name: string, n: number) => `${name} edited the shared drafts (${n} changes).`,
    update: (n: number, of: number) => `Change ${n} of ${of} in this burst of typing.`,
    expand: (n: number) => `Show its ${n} changes`,
    collapse: 'Hide the changes',
    serverName: 'The server',
    // the picture of the history
    stripHeading: 'The history at a glance',
    stripLabel: (from: string, to: string, events: number, edits: number) =>
      `The panel’s history from ${from} to ${to}: ${events} panel ${plural(events, 'event', 'events')} and ${edits} workspace ${plural(edits, 'edit', 'edits')}. Choose a point on it to go there, or use the slider above.`,
    legend: 'Key to the picture',
    markers: {
      created: 'Panel created',
      member: 'Member added or joined',
      proposal: 'Proposal made',
      vote: 'Vote cast or changed',
      retracted: 'Proposal retracted',
      applied: 'Proposal applied',
      rejected: 'Proposal rejected',
      finalised: 'Panel finalised',
    } as Record<string, string>,
    editsKey: 'Workspace edits (the taller the bar, the more edits)',
    positionKey: 'Where the replay is',
    marksKey: 'Points A and B being compared',
    // the board at a point
    boardHeading: 'The panel at this point',
    when: (what: string, when: string) => `After: ${what} (${when})`,
    scoreThenLabel: 'With the decisions made by then',
    finalisedThen: (at: string, by: string) => `Finalised on ${at} by ${by}.`,
    notFinalisedThen: 'Not finalised at this point.',
    undecided: 'Open — undecided',
    noProposalsThen: 'No proposals at this point.',
    tally: (support: number, oppose: number, abstain: number) =>
      `Votes: ${support} support, ${oppose} oppose, ${abstain} abstain`,
    draftsHeading: 'Drafts and notes',
    draftKinds: {
      proposal: 'Proposal justification (shared draft)',
      footnote: 'Footnote (shared draft)',
      decision: 'Decision (shared draft)',
      note: 'Shared notes',
    } as Record<string, string>,
    voteDraft: (name: string) => `${name}’s vote justification (draft)`,
    membersHeading: 'Members at this point',
    memberJoined: (name: string, role: string) => `${name} (${role}) — joined`,
    memberInvited: (name: string, role: string) => `${name} (${role}) — invited, not yet joined`,
    // the timeline
    timelineHeading: 'What happened',
    show: 'Show',
    showEvents: 'Panel events',
    showAll: 'Panel events and typing bursts',
    showEarlier: 'Show earlier',
    showLater: 'Show later',
    currentStep: '(shown now)',
    // compare
    compareHeading: 'Compare two points',
    compareHint: 'Set A and B to two steps, then compare them to list what changed between them.',
    setA: 'Set A to this step',
    setB: 'Set B to this step',
    pointA: (what: string) => `A: ${what}`,
    pointB: (what: string) => `B: ${what}`,
    notSet: 'not set',
    goTo: (point: string) => `Go to ${point}`,
    compare: 'Compare A and B',
    comparing: 'Comparing…',
    noChanges: 'Nothing changed between A and B.',
    changesHeading: (n: number) => `${n} ${plural(n, 'change', 'changes')} from A to B`,
    changeOverall: (from: string, to: string) => `Score: ${from} → ${to}`,
    changeRating: (sid: string, title: string, from: string, to: string) =>
      `${sid} ${title}: ${from} → ${to}`,
    changeProposal: (sid: string, to: string, from: string, now: string) =>
      `Proposal on ${sid} (to ${to}): ${from} → ${now}`,
    changeVote: (name: string, sid: string, from: string, now: string) =>
      `${name}’s vote on ${sid}: ${from} → ${now}`,
    changeMember: (name: string, role: string, from: string, now: string) =>
      `${name} (${role}): ${from} → ${now}`,
    memberStates: { absent: 'not a member', invited: 'invited', joined: 'joined' } as Record<string, string>,
    changeFinalised: (now: boolean) =>
      now ? 'The panel was finalised.' : 'Not finalised any more (B is before the finalisation).',
    changeFocus: (from: string, now: string) => `Lead’s focus: ${from} → ${now}`,
    changeDraft: (label: string, from: number, now: number) => `${label}: ${from} → ${now} characters`,
    removed: 'Removed',
    inserted: 'Added',
    none: 'none',
    // verify and export
    verifyHeading: 'Verify and download',
    verifyIntro:
      'Checks that no stored event has been altered, deleted or reordered. The server re-derives the hash chain and the frozen record’s hash; this browser does the same from the events, independently, and compares the log with what it verified here before.',
    verify: 'Verify the record',
    verifying: 'Verifying…',
    intact: 'Intact',
    broken: (seq: number) => `Broken: the first broken link is event ${seq}`,
    byServer: 'Checked by the server',
    byBrowser: 'Checked in this browser',
    chainOk: (n: number, head: string) => `${n} ${plural(n, 'event', 'events')}, chain head ${head}.`,
    breaks: {
      missing: 'an event is missing or out of order here',
      unlinked: 'this event does not link to the event before it',
      altered: 'this event has been altered: its hash does not match its content',
      unfoldable: 'the events do not fold into a panel',
      'differs-from-before': 'the log no longer holds the events this browser verified before',
    } as Record<string, string>,
    recordOk: (hash: string) =>
      `The frozen record’s hash, ${hash}, matches the log (it names chain head and event count at finalisation).`,
    recordDiffers: (derived: string, served: string) =>
      `The frozen record the server serves (${served}) does not match the one the log derives (${derived}).`,
    recordBroken: 'Broken: the frozen record does not match the log',
    notFinalised: 'Not finalised yet: there is no frozen record to check.',
    rememberedOk: (n: number, at: string) =>
      `The log still holds, unchanged, the ${n} events this browser verified on ${at}.`,
    noCrypto: 'This browser could not compute hashes, so only the server’s check is shown.',
    downloads: 'Download',
    auditLog: 'Audit log (JSON lines: every event and workspace edit, who and when)',
    record: 'Frozen record (JSON)',
  },

  invite: {
    heading: 'Invite someone',
    name: 'Their name',
    role: 'Role on this panel',
    submit: 'Create invitation link',
    link: 'Invitation link',
    linkHint: (at: string) => `Send this link to them privately. It works once and expires ${at}.`,
    copy: 'Copy link',
    copied: 'Link copied.',
    sameName: (name: string) =>
      `${name} is already a member of this panel. To let them in on another device, use “New sign-in link” beside their name under People. Invite a different person with the same name?`,
    inviteAnyway: 'Invite another person with this name',
  },

  people: {
    heading: 'People',
    you: 'you',
    online: 'online now',
    lastSeen: (when: string) => `last seen ${when}`,
    joined: 'joined',
    notSeen: 'not seen yet',
    invited: 'Invited, not yet joined',
    expires: (when: string) => `link expires ${when}`,
    reissue: 'New sign-in link',
    remove: 'Remove',
    revoke: 'Revoke',
    confirmRemove: (name: string) =>
      `Remove ${name} from this panel? Their connection closes now and their links stop working; what they did stays in the record.`,
    removed: (name: string) => `${name} was removed from the panel.`,
    revoked: (name: string) => `The invitation for ${name} was revoked.`,
    linkMade: (name: string) => `A new sign-in link for ${name} is below.`,
    linkFor: (name: string) => `Sign-in link for ${name} (send it privately; it works once)`,
    myName: 'Your name on panels',
    saveName: 'Save name',
    nameSaved: 'Your name was saved.',
  },

  activity: {
    proposal: (name: string, sid: string, from: string, to: string) =>
      `${name} proposed ${sid}: ${from} → ${to}.`,
    vote: (name: string, stance: string, sid: string) => `${name} voted ${stance} on ${sid}.`,
    voteChanged: (name: string, stance: string, sid: string) =>
      `${name} changed their vote on ${sid} to ${stance}.`,
    retracted: (name: string, sid: string) => `${name} retracted the proposal on ${sid}.`,
    applied: (name: string, sid: string) => `${name} applied the proposal on ${sid}.`,
    rejected: (name: string, sid: string) => `${name} rejected the proposal on ${sid}.`,
    finalised: (name: string) => `${name} finalised the panel.`,
    joined: (name: string) => `${name} joined the panel.`,
    other: (name: string, summary: string) => `${name} ${summary}.`,
  },

  map: {
    heading: 'Boundary map',
    showQuestions: 'Show the key questions',
    onlyDiscretion: 'Show only the standards open to discretion',
    keys: 'The arrow keys move between the rows; Enter opens a standard.',
    statusHead: 'Now, and the panel',
    lowest: (kq: string, figures: string, band: string) => `Lowest key question, ${kq}: ${figures}, ${band}.`,
    question: (kq: string, figures: string, band: string) => `Key question ${kq}: ${figures}, ${band}.`,
    inWindow: (n: number) => `Within ${n} points of a boundary.`,
    shift: (direction: string, kq: string, rating: string) =>
      direction === 'up'
        ? `One more yes on ${kq} (one case’s answer) would make it ${rating}.`
        : `One yes fewer on ${kq} (one case’s answer) would make it ${rating}.`,
    proposal: (to: string, status: string, votes: number) =>
      `Proposal to ${to}: ${status} (${votes} ${plural(votes, 'vote', 'votes')})`,
    legend: 'Key',
    keyDriving: 'Lowest key question: it sets the rating',
    keyQuestion: 'Another key question',
    keyWindow: (n: number) => `Within ${n} points of a boundary (hatched)`,
    keyShift: 'Where one case’s answer would take it',
    keyBoundary: 'Band boundary',
  },

  outcome: {
    now: 'Rating now',
    final: 'Final rating',
    rulesBased: 'rules-based',
    raised: (name: string, at: string) => `Raised by professional discretion: decided by ${name}, ${at}`,
    lowered: (name: string, at: string) => `Lowered by professional discretion: decided by ${name}, ${at}`,
    footnote: 'Footnote',
    scoreRules: (score: string) => `rules-based ${score}`,
    movedBy: (ids: string) => `changed by the decisions on ${ids}`,
  },

  // Across panels: the discretion register (quality assurance) and account roles (organisers).
  register: {
    title: 'Discretion register',
    intro:
      'Every decision of every finalised panel: where discretion was open, which way it was used and why. For quality assurance; read-only.',
    forbidden: 'The discretion register needs the quality-assurance role. An organiser can grant it.',
    filters: 'Filters',
    framework: 'Framework',
    standard: 'Standard',
    trigger: 'Trigger',
    direction: 'Direction',
    outcome: 'Outcome',
    from: 'From (YYYY-MM)',
    to: 'To (YYYY-MM)',
    any: 'Any',
    triggers: {
      'near-boundary': 'Near a boundary',
      'one-answer-flip': 'One answer would change it',
    } as Record<string, string>,
    directions: { up: 'Up', down: 'Down' } as Record<string, string>,
    outcomes: { applied: 'Applied', rejected: 'Rejected' } as Record<string, string>,
    count: (rows: number, panels: number) =>
      `${rows} ${plural(rows, 'decision', 'decisions')} across ${panels} finalised ${plural(panels, 'panel', 'panels')}.`,
    syntheticCount: (n: number) =>
      n
        ? `${n} of these panels are synthetic (made by the seeded generator for tests and the demo).`
        : 'None of these panels is synthetic.',
    csv: 'Download these rows (CSV)',
    charts: 'Consistency at a glance',
    byStandard: 'Each standard: open to discretion, proposed, applied and rejected',
    open: 'Open',
    proposed: 'Proposed',
    applied: 'Applied',
    rejected: 'Rejected',
    up: 'Up',
    down: 'Down',
    triggerShare: 'Which triggers opened the decisions',
    nearBoundaryOnly: 'Near a boundary only',
    flipOnly: 'One answer only',
    both: 'Both',
    decisions: 'Decisions',
    distance: 'Distance to the boundary: applied and rejected',
    distanceCol: 'Points from the boundary',
    moved: 'Panels by how far the final score moved from the rules-based score',
    service: 'Service',
    rulesScore: 'Rules-based score',
    finalScore: 'Final score',
    movedCol: 'Moved',
    tableHeading: 'The decisions',
    caption: 'Decisions of finalised panels',
    date: 'Published',
    change: 'Change',
    votes: 'For / against / abstain',
    sealed: (views: string) => `sealed: ${views}`,
    text: 'Footnote or reason',
    lead: 'Lead',
    replay: 'Replay',
    openReplay: (sid: string, service: string) => `Replay ${sid} of ${service}`,
    synthetic: 'synthetic',
    correction: (id: string) => `correction of ${id}`,
    none: 'No decisions match these filters.',
    shown: (n: number, total: number) => `Showing the first ${n} of ${total}; the CSV has them all.`,
  },

  accounts: {
    title: 'Accounts and roles',
    intro:
      'Quality assurance reads every finalised panel and the discretion register, and nothing that is not finalised. Each grant and withdrawal is recorded in a hash-chained log.',
    name: 'Name',
    roles: 'Roles',
    organiser: 'Organiser',
    qa: 'Quality assurance',
    grant: (name: string) => `Grant quality assurance to ${name}`,
    withdraw: (name: string) => `Withdraw quality assurance from ${name}`,
    granted: (name: string) => `${name} now has the quality-assurance role.`,
    withdrawn: (name: string) => `${name} no longer has the quality-assurance role.`,
    log: 'Log of access changes',
    logOk: (n: number) => `${n} ${plural(n, 'change', 'changes')}; every link checks.`,
    logBroken: (why: string) => `The log does not check: ${why}`,
    logEntry: (at: string, by: string, what: string, name: string) => `${at}: ${by} ${what} ${name}`,
    grantedVerb: 'granted quality assurance to',
    withdrawnVerb: 'withdrew quality assurance from',
  },

  previous: {
    heading: 'Previous inspection of this service',
    intro: (title: string, when: string, framework: string) =>
      `${title}, inspected ${when}, rated under ${framework}. Its published ratings beside the ratings now:`,
    link: 'Its report',
    caption: 'Ratings at the previous inspection and now, standard by standard',
    standard: 'Standard',
    previous: 'Previous inspection',
    now: 'Now',
    overall: 'Overall rating',
    notSharedNow: (ids: string) =>
      `Not comparable: the previous framework has no standard ${ids} as this one defines it.`,
    notSharedPrevious: (ids: string) =>
      `The previous inspection also rated ${ids}, which this framework does not have.`,
    noneShared:
      'The two frameworks share no standard, so the ratings cannot be compared standard by standard.',
  },

  // Corrections: a new record linked to the frozen one, never an edit of it.
  correction: {
    openedStep: (name: string, id: string) => `${name} opened this correction of record ${id}.`,
    linkedStep: (name: string, id: string) => `${name} opened a correction: panel ${id}.`,
    correctedOn: (at: string, by: string) => `Corrected on ${at} by ${by}:`,
    openedOn: (at: string, by: string) =>
      `A correction was opened on ${at} by ${by}; it is not finalised yet:`,
    seeRecord: (id: string) => `see record ${id}`,
    seePanel: (id: string) => `see panel ${id}`,
    invited: 'You are invited to the correction.',
    accept: 'Accept and open it',
    heading: 'A correction',
    corrects: (id: string, title: string) => `This record corrects record ${id} (${title}).`,
    correctsMissing: (id: string) => `This record corrects record ${id}, which cannot be found.`,
    hashMismatch: 'The corrected record’s hash is not the one this correction names.',
    reason: 'Reason for the correction',
    openedBy: (at: string, by: string) => `Opened on ${at} by ${by}.`,
    originalHash: (h: string) => `Corrected record’s hash: ${h}`,
    thisHash: (h: string) => `This record’s hash: ${h}`,
    differences: 'What changed against the corrected record',
    noDifferences: 'Nothing has changed against the corrected record.',
    caption: 'Differences, standard by standard',
    what: 'What',
    before: 'Corrected record',
    after: 'This record',
    kinds: {
      input: 'Input',
      'rules-based': 'Rules-based rating',
      final: 'Final rating',
      footnote: 'Footnote',
      score: 'Score',
      overall: 'Overall rating',
    } as Record<string, string>,
    keyQuestion: (id: string) => `key question ${id}`,
    caseMoved: (ref: string, before: string, after: string) => `case ${ref}: ${before} → ${after}`,
    answers: { yes: 'yes', no: 'no', 'n/a': 'not applicable', '': 'not in the sample' } as Record<
      string,
      string
    >,
    notCarried: 'Decisions not carried over from the corrected record',
    notCarriedItem: (sid: string, to: string, why: string) => `${sid} (to ${to}): ${why}`,
    carried: 'Carried over from the corrected record.',
    banner: (id: string) => `This panel corrects record ${id}.`,
    seeDifferences: 'What changed, on the report',
    reopen: 'Reopen this decision',
    reopened: 'Decision reopened: the standard can be proposed again.',
    // opening one
    open: 'Open a correction',
    openIntro:
      'A finalised record never changes. A correction is a new panel, linked to this record, that starts from its inspection, members and decisions; this record will say it was corrected.',
    reasonHint: 'Published with the correction. Do not include personal data.',
    file: 'Corrected inspection file (optional)',
    fileHint: 'Leave empty to keep this record’s inspection. A file naming a case grid needs the grid too.',
    grid: 'Its case grid (CSV)',
    chosen: (name: string) => `Chosen: ${name}`,
    submit: 'Open the correction',
    preview: 'Show what the file changes',
    previewed: (n: number) =>
      n
        ? `${n} ${plural(n, 'difference', 'differences')} against this record.`
        : 'No difference against this record.',
    withFile: 'With the corrected file',
    opened: 'The correction is open. Members were invited again; these are their links:',
    goTo: 'Go to the correction',
  },

  // Panel settings (blind votes, quorum, reveal by itself), shown on the panel page and in the report.
  settings: {
    heading: 'Panel settings',
    blindOn: 'Votes are blind: each vote is sealed until the lead reveals them all together.',
    blindOff: 'Votes are open: everyone sees each vote as it is cast.',
    quorumNone: 'Quorum: none. The lead may decide with any number of votes.',
    quorumMin: (n: number) => `Quorum: at least ${n} ${plural(n, 'vote', 'votes')} on a proposal.`,
    quorumEvery: 'Quorum: every inspector has voted on a proposal.',
    autoOn: 'Sealed votes are revealed by themselves once every lead and inspector has voted.',
    autoOff: 'The lead reveals sealed votes.',
    change: 'Change the settings',
    blindLabel: 'Blind votes',
    blindHint:
      'Each vote is sealed until the lead reveals them together, so nobody is swayed by the first voice.',
    blindFixed: 'Votes have been cast, so blind voting can no longer be changed.',
    quorumLegend: 'Quorum',
    quorumNoneOption: 'None',
    quorumMinOption: 'At least a number of votes',
    quorumMinLabel: 'Votes needed',
    quorumEveryOption: 'Every inspector',
    autoLabel: 'Reveal by itself when every lead and inspector has voted',
    save: 'Save settings',
    saved: 'Settings saved.',
    badNumber: 'Enter a whole number of votes from 1 to 100.',
    changed: (name: string) => `${name} changed the panel settings.`,
  },

  // Blind votes: sealed until the reveal, then the distribution and who changed their view after it.
  blind: {
    sealedNotice:
      'Votes are sealed: nobody, the lead included, sees how anyone voted until the lead reveals them together.',
    whoVoted: 'Who has voted',
    voted: 'Voted (sealed)',
    votedChanged: 'Voted (sealed), changed since',
    notVoted: 'Not voted yet',
    mine: (stance: string) => `Your sealed vote: ${stance}.`,
    mineHidden: 'Only you can see it until the reveal.',
    draftLocal:
      'While votes are blind, this draft stays in this browser only; it is not shared with the panel.',
    sealedSent: 'Your vote is sealed. Nobody sees it until the reveal.',
    reveal: 'Reveal the votes',
    revealHint: 'Publishes every sealed vote on this proposal at once. Then you can decide it.',
    revealed: (sid: string) => `The votes on ${sid} are revealed.`,
    revealedBy: (name: string, at: string) => `Revealed by ${name}, ${at}.`,
    revealedAuto: (at: string) => `Revealed by itself when everyone had voted, ${at}.`,
    decideAfterReveal: 'Reveal the votes before deciding this proposal.',
    distribution: 'How the panel voted',
    chartLabel: (support: number, oppose: number, abstain: number) =>
      `At the reveal: ${support} support, ${oppose} oppose, ${abstain} abstain.`,
    sealedView: 'Sealed view',
    finalView: 'Final view',
    changedAfter: 'Changed after the reveal',
    unchanged: 'Unchanged',
    afterRevealOnly: 'Voted after the reveal',
    unopened: (n: number) =>
      `Retracted while votes were sealed: ${n} sealed ${plural(n, 'vote stays', 'votes stay')} unopened for good.`,
    sealedCount: (n: number) => `${n} sealed ${plural(n, 'vote', 'votes')}`,
    activitySealed: (name: string, sid: string) => `${name} cast a sealed vote on ${sid}.`,
    activityResealed: (name: string, sid: string) => `${name} changed their sealed vote on ${sid}.`,
    activityRevealed: (name: string, sid: string, n: number) =>
      `${name} revealed the ${n} sealed ${plural(n, 'vote', 'votes')} on ${sid}.`,
    activityAutoRevealed: (sid: string, n: number) =>
      `The ${n} sealed ${plural(n, 'vote', 'votes')} on ${sid} were revealed when everyone had voted.`,
    activityAfterReveal: (name: string, stance: string, sid: string) =>
      `${name} changed their vote on ${sid} to ${stance}, after the reveal.`,
    replaySealed: 'Sealed: not opened at this step',
    verifyOpenings: (n: number) =>
      `${n} ${plural(n, 'opening matches its commitment', 'openings match their commitments')}.`,
    verifyOpeningBroken: (seq: number) =>
      `The opening of a sealed vote at event ${seq} does not match its commitment.`,
  },

  quorum: {
    met: (votes: number) => `Quorum met (${votes} ${plural(votes, 'vote', 'votes')}).`,
    short: (votes: number, needed: number) => `Below quorum: ${votes} of ${needed} votes.`,
    shortInspectors: (missing: number) =>
      `Below quorum: ${missing} ${plural(missing, 'inspector has', 'inspectors have')} not voted yet.`,
    overrideLabel: 'Reason for deciding below quorum',
    overrideHint: 'Recorded with the decision and shown in the report.',
    needReason: 'Give a reason for deciding below quorum.',
    belowInReport: (votes: number, reason: string) =>
      `Decided below quorum with ${votes} ${plural(votes, 'vote', 'votes')}. Reason: ${reason}`,
  },

  // Why a standard or the overall has no rating; follows "Not rated: " or "No overall rating: ".
  reasons: {
    judged: 'marked not rated in the inspection (for example, no cases of this kind).',
    noQuestion: 'none of its key questions applies to the cases inspected.',
    noOverall: 'this framework gives no overall score.',
    overallJudgement: 'this framework gives it by judgement, and none has been given yet.',
    areaNone: 'none of its standards is rated.',
    areaJudgement: 'it is given by judgement, and none has been given yet.',
    unrated: (count: number, ids: string) =>
      count === 1
        ? `standard ${ids} is not rated, and every scored standard counts toward it.`
        : `standards ${ids} are not rated, and every scored standard counts toward it.`,
  },

  frameworks: {
    title: 'Frameworks',
    intro:
      'The frameworks panels rate by: those built in, and those made available here. A panel keeps the exact version it was created with; a later version never changes it.',
    listHeading: 'Available frameworks',
    colTitle: 'Framework',
    colId: 'Id',
    colSource: 'Source',
    colVersion: 'Version',
    colActions: 'Actions',
    builtin: 'Built in',
    uploaded: (by: string, at: string, versions: number) =>
      `Added by ${by}, ${at} (${versions} ${plural(versions, 'version', 'versions')})`,
    showFramework: (id: string) => `Show ${id}`,
    addHeading: 'Add a framework',
    addIntro:
      'Choose a framework file (JSON, ratings-panel/framework@1 or @2). You will see every problem in it, or a preview to check before you make it available to panels.',
    organisersOnly: 'Only organisers can add frameworks.',
    fileLabel: 'Framework file',
    notJson: (why: string) => `This is not a JSON file: ${why}`,
    checking: 'Checking the framework…',
    checked: (title: string) => `Checked: ${title}. Its preview follows.`,
    invalid: 'The framework file is not valid',
    makeAvailable: 'Make it available to panels',
    saved: (title: string) => `${title} is now available to panels.`,
    unchanged: (title: string) => `${title}: this version was already available.`,
    preview: {
      heading: (title: string) => `Preview: ${title}`,
      id: 'Id',
      format: 'Format',
      version: 'Version (sha256)',
      provisional: 'Provisional: its thresholds are not published.',
      ratings: 'Ratings, best first',
      points: (n: number) => `${n} ${plural(n, 'point', 'points')}`,
      bands: 'Bands',
      bandFrom: (rating: string, min: number) => `${rating} from ${min}%`,
      bandsPicture: (bands: string) => `Bands on a scale from 0 to 100%: ${bands}`,
      rules: 'How ratings are formed, and discretion',
      standardRule: { lowest: 'A standard takes the lowest rating of its key questions.' } as Record<
        string,
        string
      >,
      overallScore: (max: number, bands: string) =>
        `The overall rating is by score, out of ${max}: ${bands}.`,
      scoreFrom: (rating: string, min: number) => `${rating} from ${min}`,
      overallJudgement: 'The overall rating is given by judgement.',
      overallNone: 'This framework gives no overall rating.',
      window: (points: number) => `Near a boundary means within ${points} percentage points of it.`,
      triggers: (names: string) => `Discretion opens when a standard is ${names}.`,
      noTriggers: 'No trigger opens discretion.',
      triggerNames: {
        'near-boundary': 'near a boundary',
        'one-answer-flip': 'one case’s answer away from another rating',
      } as Record<string, string>,
      maxBands: (n: number) => `A decision moves a rating ${n} ${plural(n, 'band', 'bands')} at most.`,
      domains: 'Domains, standards and key questions',
      kind: { cases: 'from cases', judged: 'by judgement', mixed: 'from cases and by judgement' } as Record<
        string,
        string
      >,
      scored: 'counts toward the score',
      mayBeNotRated: 'may be not rated',
      kqBy: { cases: 'from cases', judgement: 'by judgement' } as Record<string, string>,
      areas: 'Rated areas',
      areaRule: { lowest: 'the lowest rating of its standards', judgement: 'given by judgement' } as Record<
        string,
        string
      >,
      standardsList: (ids: string) => `standards ${ids}`,
      samples: 'Case samples',
      sampleRange: (min: number, max: number) => `${min} to ${max} cases`,
    },
    pinned: (title: string, hash: string) => `Framework: ${title}, version ${hash}`,
  },

  judged: {
    heading: 'Given by judgement',
    intro:
      'This framework leaves these ratings to the panel’s judgement. Propose one with a justification; the lead inspector decides, as for a standard.',
    overall: 'Overall rating',
    rating: (what: string) => `Rating for ${what}`,
    choose: 'Choose a rating',
    justification: 'Justification',
    propose: 'Propose this rating',
    proposed: (what: string) => `Proposal for ${what} sent.`,
  },
}

/** The shape every language provides: same keys, same parameters. */
export type Messages = typeof en
