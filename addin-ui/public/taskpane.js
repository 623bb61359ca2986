/*
 * The task pane: lists what the check found, applies the engine's one-click
 * fixes through Office.js, and records the user's choice (codes and outcome
 * only) with POST /v1/outcome. The task pane runs only in a browser runtime, so
 * it may use modern JavaScript; the shared code is window.Etiquette (launchevent.js).
 *
 * Which check a choice belongs to: opened by a Smart Alert's button, the pane
 * reads the Send check's id from the alert's contextData
 * (getInitializationContextAsync, Mailbox 1.14) and every check it makes itself
 * is "background", so the audit counts the message once, at Send. Opened from
 * the ribbon, its first check is the user's "review" and owns the choices; the
 * re-checks after that are "background" too.
 */
/* global Office, document, window */
(function () {
  "use strict";

  const E = window.Etiquette;
  const SEVERITY = { block: "Must fix", warn: "Check", advise: "Tip" };
  const state = { verdict: null, fixedCodes: [], busy: false, checkId: null, ready: null };
  const $ = (id) => document.getElementById(id);

  function item() {
    return Office.context.mailbox.item;
  }

  const SHARE_BY_HAND =
    "To share it as a link: remove the attachment, then choose Attach file > OneDrive (or Share link) and pick the file.";

  /** Can this Outlook run "Share as a link instead"? A token (NAA, or legacy SSO + OBO), Mailbox 1.8. */
  function canShare() {
    try {
      const S = window.EtiquetteShareLink;
      return !!(S && Office.context.requirements.isSetSupported("Mailbox", "1.8") &&
        typeof item().getAttachmentContentAsync === "function" &&
        (S.tokenAvailable(E.config()) || Office.context.requirements.isSetSupported("NestedAppAuth", "1.1")));
    } catch (e) {
      return false;
    }
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  function say(text, ok) {
    const s = $("summary");
    s.textContent = text;
    s.classList.toggle("ok", !!ok);
  }

  function hint(text) {
    $("hint").textContent = text;
  }

  function codes() {
    return (state.verdict?.findings || []).map((f) => f.code);
  }

  function render() {
    const v = state.verdict;
    const list = $("findings");
    list.replaceChildren();
    const findings = v.findings || [];
    if (!findings.length) {
      say("Nothing to fix: this email follows your school's policy.", true);
    } else {
      const n = findings.length;
      let lead = `${n} thing${n === 1 ? "" : "s"} to look at before this email goes.`;
      if (v.action === "block") lead = `This email can't be sent yet: ${n} thing${n === 1 ? "" : "s"} to fix.`;
      say(lead, false);
    }
    findings.forEach((f, i) => {
      const id = `finding-${i}`;
      const fixes = el("div", { class: "fixes" });
      for (const fix of f.fixes || []) {
        if (fix.kind === "share_as_link" && !canShare()) {
          // Offered only where it can work; elsewhere, Outlook's own way, in words.
          fixes.append(el("p", { class: "by-hand" }, SHARE_BY_HAND));
          continue;
        }
        const b = el("button", { type: "button", "aria-describedby": id }, fix.title);
        b.dataset.kind = fix.kind;
        b.addEventListener("click", () => apply(f, fix, b));
        fixes.append(b);
      }
      const li = el(
        "li",
        { class: `finding ${f.severity}` },
        el("h2", { id }, el("span", { class: "badge" }, SEVERITY[f.severity] || f.severity), f.title),
        el("p", {}, f.message),
      );
      if (f.policy_ref) li.append(el("p", { class: "policy" }, `Policy: ${f.policy_ref}`));
      if ((f.fixes || []).length) li.append(fixes);
      list.append(li);
    });
    $("actions").hidden = false;
    $("send-anyway").hidden = v.action !== "warn";
    $("reason-box").hidden = !(v.action === "warn" && v.reason_required);
  }

  /** The Send check this pane was opened for (its id), if a Smart Alert opened it. */
  async function context() {
    const data = await E.initContext(item());
    if (typeof data.check_id === "string" && data.check_id) state.checkId = data.check_id;
  }

  function trouble(e) {
    if (e && e.kind === "config") {
      say(`Etiquette is not set up correctly for your account (error ${e.status}).`);
      hint("Contact IT: your email is not being checked.");
    } else if (e && e.kind === "rejected") {
      say(`Etiquette could not check this email: ${e.detail}.`);
      hint("Change it and choose Check again, or send it as it is.");
    } else {
      say("Etiquette could not check this email just now.");
      hint("Check your connection and choose Check again. If it keeps happening, contact IT.");
    }
    $("actions").hidden = false;
  }

  function notSkipped(skipped) {
    const notes = [];
    if (skipped?.unresolved) notes.push(`${skipped.unresolved} recipient${skipped.unresolved === 1 ? " is" : "s are"} not an email address Outlook could resolve, so Etiquette did not check ${skipped.unresolved === 1 ? "it" : "them"}.`);
    if (skipped?.overLimit) notes.push(`Etiquette checked the first 500 recipients in each of To, Cc and Bcc; ${skipped.overLimit} more were not checked.`);
    if (notes.length) hint(notes.join(" "));
  }

  async function check() {
    say("Checking this email\u2026");
    try {
      await state.ready;
      // The first check owns the outcomes unless a Send check already does.
      const purpose = state.checkId ? "background" : "review";
      state.verdict = await E.checkItem(item(), purpose);
      if (!state.checkId) state.checkId = state.verdict.check_id;
      render();
      notSkipped(state.verdict.skipped);
    } catch (e) {
      trouble(e);
    }
  }

  /** Progress of "Share as a link instead", in words and a bar. */
  function shareStatus(p) {
    const box = $("share");
    box.hidden = false;
    box.classList.remove("error");
    const of = p.count > 1 ? ` (${p.index + 1} of ${p.count})` : "";
    const name = p.file ? `“${p.file}”` : "";
    const words = {
      token: "Asking Microsoft 365 for access to your OneDrive…",
      reading: `Reading ${name}${of}…`,
      uploading: `Uploading ${name} to your OneDrive${of}: ${Math.round((100 * (p.sent || 0)) / (p.total || 1))}%`,
      linking: `Making a link to ${name} for people at your school…`,
      inserting: "Putting the link into your email…",
      removing: "Removing the attachment…",
    };
    $("share-text").textContent = words[p.stage] || "";
    const bar = $("share-progress");
    if (p.stage === "uploading" && p.total) bar.value = Math.round((100 * p.sent) / p.total);
    else if (p.stage === "inserting" || p.stage === "removing") bar.value = 100;
  }

  async function shareAsLink(finding, fix, button) {
    const S = window.EtiquetteShareLink;
    shareStatus({ stage: "token" });
    try {
      const done = await S.shareAsLink({
        item: item(), names: fix.attachments || [], config: E.config(), onProgress: shareStatus,
      });
      $("share").hidden = true;
      const n = done.links.length;
      return `${n === 1 ? "The attachment is" : `${n} attachments are`} now a OneDrive link in your email`;
    } catch (e) {
      const box = $("share");
      box.classList.add("error");
      const what = e && e.file ? ` “${e.file}”` : "";
      const kept = e && e.stage === "remove"
        ? ""
        : " Your email has not been changed: the attachment is still there.";
      $("share-text").textContent = `Could not share${what} as a link: ${(e && e.message) || "something went wrong"}.${kept}`;
      $("share-progress").value = 0;
      throw Object.assign(new Error("share"), { shown: true });
    }
  }

  async function apply(finding, fix, button) {
    if (state.busy) return;
    state.busy = true;
    button.disabled = true;
    try {
      let done = fix.title;
      if (fix.kind === "share_as_link") done = await shareAsLink(finding, fix, button);
      else await E.applyFix(item(), fix);
      button.classList.add("done");
      state.fixedCodes.push(finding.code);
      await E.recordOutcome(state.checkId, "fixed", [finding.code]);
      hint(`Done: ${done}.`);
      await check();
      const clean = state.verdict && state.verdict.action === "allow" && !(state.verdict.findings || []).length;
      // The pane never sends (see sendAnyway): the user's own Send does.
      if (clean) hint(`Done: ${done}. All fixed: press Send in your email to send it.`);
    } catch (e) {
      button.disabled = false;
      if (e && e.shown) hint("");
      else hint(`Outlook could not make that change (${(e && (e.name || e.code)) || "error"}). You can make it by hand.`);
    } finally {
      state.busy = false;
    }
  }

  /*
   * The pane never sends. item.sendAsync needs the read/write mailbox permission and the
   * manifests ask for read/write item (docs/outlook.md, "Why the pane does not send"), so
   * "Send anyway" marks this exact version as the user's choice and asks them to press
   * Send; the Send handler lets that version go and only then records sent_anyway.
   */
  async function sendAnyway() {
    const button = $("send-anyway");
    const needed = !!(state.verdict && state.verdict.reason_required);
    const reason = needed ? $("reason").value : "";
    if (needed && !reason) {
      hint("Choose a reason first: your school asks for one to send this anyway.");
      $("reason").focus();
      return;
    }
    button.disabled = true;
    try {
      await E.allowThisVersion(item(), state.checkId, codes(), reason || null);
      hint("Press Send in your email: Etiquette will let this version go. If you change it first, it is checked again.");
    } catch (e) {
      hint("Etiquette could not note your choice. Press Send and choose Send Anyway in Outlook's dialog.");
    } finally {
      button.disabled = false;
    }
  }

  async function cancel() {
    await E.recordOutcome(state.checkId, "cancelled", codes());
    hint("Not sent. Change your email, then press Send when it's ready.");
    try {
      Office.context.ui.closeContainer();
    } catch (e) {
      /* not supported in this Outlook: the pane stays open */
    }
  }

  function start() {
    for (const [code, words] of E.REASONS) $("reason").append(el("option", { value: code }, words));
    $("send-anyway").addEventListener("click", sendAnyway);
    $("recheck").addEventListener("click", check);
    $("cancel").addEventListener("click", cancel);
    state.ready = context();
    check();
  }

  Office.onReady(start);
})();
