// The page a sign-in or invitation link shows. Opening a link changes nothing: the page's button sends a
// same-origin JSON POST to the link's own URL (link-page.js), so a cross-site page that navigates a
// browser to a link cannot sign it in as someone else. Its text, in English and Welsh, lives here alone.
import type { Role } from '../../shared/panel/types.ts'

type Lang = 'en' | 'cy'

const TEXT = {
  en: {
    title: 'Sign in – Ratings Panel',
    gone: 'This link can no longer be used',
    goneBody: 'Sign-in links work once and expire. Ask the lead inspector or an organiser for a new one.',
    firstOrganiser: 'Sign in as the first organiser',
    firstOrganiserBody: 'This link signs you in as the organiser of this Ratings Panel server.',
    yourName: 'Your name, as the panel record will show it',
    signIn: 'Sign in',
    signInAs: (name: string) => `Sign in as ${name}`,
    signInBody: 'This link signs this browser in to your existing account.',
    invited: (name: string, role: string, panel: string) =>
      `This invitation asks ${name} to join the panel “${panel}” as ${role}.`,
    accept: 'Accept the invitation',
    alreadyMember: (name: string) =>
      `You are signed in as ${name}, who is already a member of this panel. The link changes nothing.`,
    openPanel: 'Open the panel',
    signedInOther: (current: string, invited: string) =>
      `This browser is signed in as ${current}, but the invitation is for ${invited}. How do you want to join?`,
    joinAsCurrent: (current: string) => `Join as ${current} (the account signed in here)`,
    joinAsInvited: (invited: string) => `Join as ${invited} (signs this browser in as that person)`,
    roles: { lead: 'lead inspector', inspector: 'inspector', reviewer: 'reviewer' } as Record<Role, string>,
    needsScript: 'This page needs JavaScript to sign you in.',
  },
  cy: {
    title: 'Mewngofnodi – Panel Graddfeydd',
    gone: 'Ni ellir defnyddio’r ddolen hon mwyach',
    goneBody:
      'Mae dolenni mewngofnodi’n gweithio unwaith ac yn dod i ben. Gofynnwch i’r arolygydd arweiniol neu drefnydd am un newydd.',
    firstOrganiser: 'Mewngofnodi fel y trefnydd cyntaf',
    firstOrganiserBody: 'Mae’r ddolen hon yn eich mewngofnodi fel trefnydd y gweinydd Panel Graddfeydd hwn.',
    yourName: 'Eich enw, fel y bydd cofnod y panel yn ei ddangos',
    signIn: 'Mewngofnodi',
    signInAs: (name: string) => `Mewngofnodi fel ${name}`,
    signInBody: 'Mae’r ddolen hon yn mewngofnodi’r porwr hwn i’ch cyfrif presennol.',
    invited: (name: string, role: string, panel: string) =>
      `Mae’r gwahoddiad hwn yn gofyn i ${name} ymuno â’r panel “${panel}” fel ${role}.`,
    accept: 'Derbyn y gwahoddiad',
    alreadyMember: (name: string) =>
      `Rydych wedi mewngofnodi fel ${name}, sydd eisoes yn aelod o’r panel hwn. Nid yw’r ddolen yn newid dim.`,
    openPanel: 'Agor y panel',
    signedInOther: (current: string, invited: string) =>
      `Mae’r porwr hwn wedi mewngofnodi fel ${current}, ond mae’r gwahoddiad ar gyfer ${invited}. Sut hoffech chi ymuno?`,
    joinAsCurrent: (current: string) => `Ymuno fel ${current} (y cyfrif sydd wedi mewngofnodi yma)`,
    joinAsInvited: (invited: string) =>
      `Ymuno fel ${invited} (yn mewngofnodi’r porwr hwn fel y person hwnnw)`,
    roles: { lead: 'arolygydd arweiniol', inspector: 'arolygydd', reviewer: 'adolygydd' } as Record<
      Role,
      string
    >,
    needsScript: 'Mae angen JavaScript ar y dudalen hon i’ch mewngofnodi.',
  },
}

export const langOf = (acceptLanguage: string | undefined): Lang =>
  /^\s*cy\b/i.test(acceptLanguage ?? '') ? 'cy' : 'en'

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  )

function page(lang: Lang, heading: string, body: string): string {
  const t = TEXT[lang]
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(t.title)}</title>
<style>body{font-family:Arial,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;display:block;border:2px solid #0b0c0c;background:#00703c;color:#fff;cursor:pointer}
button.secondary{background:#f3f2f1;color:#0b0c0c}button:focus,input:focus,a:focus{outline:3px solid #fd0;box-shadow:0 4px #0b0c0c}
input{font:inherit;padding:.4rem;border:2px solid #0b0c0c;width:100%;max-width:24rem;display:block;margin:.25rem 0 1rem}
[role=alert]{border-left:5px solid #d4351c;padding-left:1rem}</style></head>
<body><main><h1>${esc(heading)}</h1>${body}<p id="link-error" role="alert" hidden></p>
<noscript><p>${esc(t.needsScript)}</p></noscript></main><script src="/auth/link-page.js"></script></body></html>`
}

export const linkGonePage = (lang: Lang): string =>
  page(lang, TEXT[lang].gone, `<p>${esc(TEXT[lang].goneBody)}</p>`).replace(
    '<script src="/auth/link-page.js"></script>',
    '',
  )

const button = (label: string, choice: string, secondary = false) =>
  `<button type="submit" name="as" value="${choice}"${secondary ? ' class="secondary"' : ''}>${esc(label)}</button>`

export type LinkView =
  | { kind: 'first-organiser' }
  | { kind: 'sign-in'; name: string }
  | {
      kind: 'invite'
      invited: string
      role: Role
      panelTitle: string
      current: string | null
      member: boolean
    }

export function linkPage(lang: Lang, view: LinkView): string {
  const t = TEXT[lang]
  const form = (inner: string) => `<form method="post" data-link-form>${inner}</form>`
  switch (view.kind) {
    case 'first-organiser':
      return page(
        lang,
        t.firstOrganiser,
        `<p>${esc(t.firstOrganiserBody)}</p>${form(
          `<label for="name">${esc(t.yourName)}</label><input id="name" name="name" autocomplete="name" maxlength="80" required>${button(t.signIn, 'invited')}`,
        )}`,
      )
    case 'sign-in':
      return page(
        lang,
        t.signInAs(view.name),
        `<p>${esc(t.signInBody)}</p>${form(button(t.signIn, 'invited'))}`,
      )
    case 'invite': {
      const intro = `<p>${esc(t.invited(view.invited, t.roles[view.role], view.panelTitle))}</p>`
      if (view.current && view.member)
        return page(
          lang,
          t.accept,
          `${intro}<p>${esc(t.alreadyMember(view.current))}</p>${form(button(t.openPanel, 'signed-in'))}`,
        )
      if (view.current)
        return page(
          lang,
          t.accept,
          `${intro}<p>${esc(t.signedInOther(view.current, view.invited))}</p>${form(
            button(t.joinAsCurrent(view.current), 'signed-in') +
              button(t.joinAsInvited(view.invited), 'invited', true),
          )}`,
        )
      return page(lang, t.accept, `${intro}${form(button(t.accept, 'invited'))}`)
    }
  }
}

/** Sends the form as same-origin JSON to the link's own URL, then follows where the server says. */
export const LINK_PAGE_SCRIPT = `'use strict';
(function () {
  var form = document.querySelector('[data-link-form]');
  if (!form) return;
  var error = document.getElementById('link-error');
  var chosen = null;
  form.addEventListener('click', function (e) { if (e.target && e.target.name === 'as') chosen = e.target.value; });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body = { as: chosen || 'invited' };
    var name = form.querySelector('input[name=name]');
    if (name) body.name = name.value;
    fetch(location.pathname, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        if (res.ok && res.j.redirect) { location.replace(res.j.redirect); return; }
        error.textContent = (res.j && res.j.error && res.j.error.message) || 'Something went wrong.';
        error.hidden = false; error.focus && error.focus();
      })
      .catch(function (err) { error.textContent = String(err); error.hidden = false; });
  });
})();
`
