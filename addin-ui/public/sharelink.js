/*
 * ATT001's fix in Outlook: "Share as a link instead". From the task pane (a browser
 * runtime: modern JavaScript is fine here), for each attachment the fix names:
 *
 *   1. read it from the draft            item.getAttachmentContentAsync (Mailbox 1.8), base64
 *   2. upload it to the sender's OneDrive through Microsoft Graph, in an upload session
 *      (POST .../createUploadSession, then PUT chunks of a multiple of 320 KiB with
 *      Content-Range; the upload URL is pre-authenticated, so no Authorization header)
 *   3. make an organisation-only view link  POST /me/drive/items/{id}/createLink
 *
 * and only once every link exists:
 *
 *   4. put the links into the body         item.body.setSelectedDataAsync (at the cursor)
 *   5. remove the attachments              item.removeAttachmentAsync
 *
 * So nothing is removed until its link is in the email; if anything fails the draft is
 * left as it was and the error says what happened, in words, never with the file's content.
 * The Graph token is the user's own (delegated Files.ReadWrite) through nested app
 * authentication, with a consent prompt the pane may show.
 *
 *   window.EtiquetteShareLink.shareAsLink({ item, names, config, onProgress })
 */
/* global window, Office, OfficeRuntime */
(function (root) {
  "use strict";

  const KIB = 1024;
  // Graph: "Use a fragment size that is a multiple of 320 KiB"; under 60 MiB a request.
  const CHUNK_UNIT = 320 * KIB;
  const DEFAULT_CHUNK = 10 * CHUNK_UNIT; // 3.125 MiB
  const FOLDER = "Email attachments";
  const SCOPES = ["Files.ReadWrite"];
  const RETRIES = 2;

  class ShareError extends Error {
    /** `stage`: token | read | upload | link | insert | remove; `file`: the attachment's name. */
    constructor(stage, message, extra = {}) {
      super(message);
      this.name = "ShareError";
      this.stage = stage;
      Object.assign(this, extra);
    }
  }

  function officeCall(target, method, ...args) {
    return new Promise((resolve, reject) => {
      target[method](...args, (result) => {
        if (result && result.status === "succeeded") resolve(result.value);
        else reject((result && result.error) || { name: "Unknown", message: "Office call failed" });
      });
    });
  }

  function base64Bytes(text) {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  /** What OneDrive's answer means for the user (the status and Graph's error code only). */
  function graphProblem(status, code) {
    if (status === 401) return "Microsoft 365 did not accept Etiquette's sign-in";
    if (status === 403 && code === "accessDenied") return "your school's settings do not let Etiquette use your OneDrive";
    if (status === 403) return "your school's OneDrive settings do not allow this (organisation links may be turned off)";
    if (status === 404) return "OneDrive could not find the upload any more";
    if (status === 409) return "OneDrive has a conflicting file";
    if (status === 413) return "the file is too large for OneDrive";
    if (status === 429 || status === 503) return "OneDrive is busy just now";
    if (status === 507) return "your OneDrive is full";
    if (status === 0) return "OneDrive could not be reached";
    return `OneDrive answered HTTP ${status}`;
  }

  async function graphJson(fetcher, url, init) {
    let resp;
    try {
      resp = await fetcher(url, init);
    } catch (e) {
      return { status: 0, data: null };
    }
    let data = null;
    try {
      data = await resp.json();
    } catch (e) {
      /* no body */
    }
    return { status: resp.status, data };
  }

  /**
   * Outlook builds without NAA: the legacy Office SSO token for Etiquette's API (the pane
   * may prompt), exchanged On-Behalf-Of by the service (POST /v1/outlook/graph-token).
   */
  async function legacyGraphToken(config, fetcher) {
    let sso;
    try {
      sso = await OfficeRuntime.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
    } catch (e) {
      throw new ShareError("token", "Outlook could not sign you in to Etiquette");
    }
    const res = await graphJson(fetcher, `${String(config.apiBase).replace(/\/+$/, "")}/v1/outlook/graph-token`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sso}` },
    });
    if (res.status === 200 && res.data && res.data.access_token) return res.data.access_token;
    if (res.status === 409) throw new ShareError("token", "your school has not set up OneDrive access for Etiquette (ask IT)");
    throw new ShareError("token", "Microsoft 365 did not give Etiquette access to your OneDrive");
  }

  /** Can this Outlook get a token for the user's OneDrive at all? */
  function tokenAvailable(config) {
    try {
      if (root.msal && root.msal.createNestablePublicClientApplication && config.clientId &&
          Office.context.requirements.isSetSupported("NestedAppAuth", "1.1")) return "naa";
      if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.auth && config.clientId && config.apiBase) return "legacy";
    } catch (e) {
      /* no Office context */
    }
    return null;
  }

  /** The signed-in user's Graph token (Files.ReadWrite): NAA, else legacy SSO + On-Behalf-Of. */
  async function graphToken(config, fetcher = (...a) => root.fetch(...a)) {
    if (tokenAvailable(config) === "legacy") return legacyGraphToken(config, fetcher);
    const msal = root.msal;
    let naa = false;
    try {
      naa = !!(msal && msal.createNestablePublicClientApplication && config.clientId &&
        Office.context.requirements.isSetSupported("NestedAppAuth", "1.1"));
    } catch (e) {
      naa = false;
    }
    if (!naa) {
      throw new ShareError("token", "this Outlook cannot give Etiquette access to your OneDrive (it needs nested app authentication)");
    }
    const pca = await msal.createNestablePublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority },
    });
    try {
      return (await pca.acquireTokenSilent({ scopes: SCOPES })).accessToken;
    } catch (e) {
      try {
        return (await pca.acquireTokenPopup({ scopes: SCOPES })).accessToken; // consent, once
      } catch (e2) {
        throw new ShareError("token", "you did not give Etiquette access to your OneDrive, or Microsoft 365 refused it");
      }
    }
  }

  async function upload({ fetcher, graphBase, token, name, bytes, chunk, folder, progress }) {
    const path = `${encodeURIComponent(folder)}/${encodeURIComponent(name)}`;
    const session = await graphJson(fetcher, `${graphBase}/me/drive/root:/${path}:/createUploadSession`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ item: { "@microsoft.graph.conflictBehavior": "rename", name } }),
    });
    if (session.status !== 200 || !session.data || !session.data.uploadUrl) {
      const code = session.data && session.data.error && session.data.error.code;
      throw new ShareError("upload", graphProblem(session.status, code), { file: name, status: session.status });
    }
    const uploadUrl = session.data.uploadUrl;
    const total = bytes.length;
    let start = 0;
    let item = null;
    try {
      while (!item) {
        if (start >= total && total > 0) {
          throw new ShareError("upload", "OneDrive did not finish the upload", { file: name, status: 202 });
        }
        const end = Math.min(start + chunk, total);
        let answer = null;
        for (let attempt = 0; attempt <= RETRIES; attempt++) {
          answer = await graphJson(fetcher, uploadUrl, {
            method: "PUT",
            headers: { "Content-Range": `bytes ${start}-${Math.max(end - 1, 0)}/${total}` },
            body: bytes.subarray(start, end),
          });
          const transient = answer.status === 0 || answer.status >= 500 || answer.status === 429;
          if (!transient) break;
          await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        }
        if (answer.status === 202) {
          // OneDrive says where to go on; normally where this chunk ended.
          const next = answer.data && answer.data.nextExpectedRanges && answer.data.nextExpectedRanges[0];
          start = next ? parseInt(next, 10) : end;
          progress(start, total);
          continue;
        }
        if ((answer.status === 200 || answer.status === 201) && answer.data && answer.data.id) {
          item = answer.data;
          progress(total, total);
          break;
        }
        const code = answer.data && answer.data.error && answer.data.error.code;
        throw new ShareError("upload", graphProblem(answer.status, code), { file: name, status: answer.status, sent: start, total });
      }
    } catch (e) {
      // Leave nothing half-made in OneDrive: cancel the session (best effort).
      try {
        await fetcher(uploadUrl, { method: "DELETE" });
      } catch (e2) {
        /* it expires by itself */
      }
      throw e;
    }
    return item;
  }

  async function createLink({ fetcher, graphBase, token, name, id }) {
    const res = await graphJson(fetcher, `${graphBase}/me/drive/items/${encodeURIComponent(id)}/createLink`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ type: "view", scope: "organization" }),
    });
    const url = res.data && res.data.link && res.data.link.webUrl;
    if ((res.status !== 200 && res.status !== 201) || !url) {
      const code = res.data && res.data.error && res.data.error.code;
      const why = res.status === 403
        ? "your school's OneDrive settings do not allow organisation links (the file is in your OneDrive, not shared)"
        : graphProblem(res.status, code);
      throw new ShareError("link", why, { file: name, status: res.status });
    }
    return url;
  }

  async function insertLinks(item, links) {
    let type = "html";
    try {
      type = await officeCall(item.body, "getTypeAsync");
    } catch (e) {
      /* assume HTML, Outlook's default */
    }
    const lead = "Shared from OneDrive (people at the school can open these links):";
    if (type === "text") {
      const text = `\n${lead}\n${links.map((l) => `${l.name}: ${l.url}`).join("\n")}\n`;
      return officeCall(item.body, "setSelectedDataAsync", text, { coercionType: "text" });
    }
    const list = links.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.name)}</a></li>`).join("");
    return officeCall(item.body, "setSelectedDataAsync", `<p>${escapeHtml(lead)}</p><ul>${list}</ul>`, { coercionType: "html" });
  }

  /**
   * Replace the named attachments with OneDrive links. Resolves { links: [{ name, url }] };
   * rejects with a ShareError (stage, message, file) and then the draft is unchanged.
   * onProgress({ stage, file, index, count, sent, total }).
   */
  async function shareAsLink({ item, names, config, onProgress = () => {}, fetcher, token: tokenFn, chunkBytes }) {
    const graphBase = String(config.graphBase || "https://graph.microsoft.com/v1.0").replace(/\/+$/, "");
    const doFetch = fetcher || ((...a) => root.fetch(...a));
    const chunk = Math.max(CHUNK_UNIT, Math.floor((chunkBytes || DEFAULT_CHUNK) / CHUNK_UNIT) * CHUNK_UNIT);
    const wanted = new Set(names || []);
    let attached;
    try {
      attached = await officeCall(item, "getAttachmentsAsync");
    } catch (e) {
      throw new ShareError("read", "Outlook could not list the attachments");
    }
    const files = attached.filter((a) => wanted.has(a.name) && a.attachmentType === "file" && !a.isInline);
    if (!files.length) throw new ShareError("read", "the attachment is no longer in this email");
    const count = files.length;

    onProgress({ stage: "token", count });
    const token = await (tokenFn || (() => api.graphToken(config, doFetch)))();

    const links = [];
    for (const [index, a] of files.entries()) {
      const tell = (stage, extra = {}) => onProgress({ stage, file: a.name, index, count, ...extra });
      tell("reading");
      let bytes;
      try {
        const content = await officeCall(item, "getAttachmentContentAsync", a.id, {});
        if (content.format !== "base64") throw new Error(content.format);
        bytes = base64Bytes(content.content);
      } catch (e) {
        throw new ShareError("read", "Outlook could not read the attachment", { file: a.name });
      }
      const uploaded = await upload({
        fetcher: doFetch, graphBase, token, name: a.name, bytes, chunk, folder: FOLDER,
        progress: (sent, total) => tell("uploading", { sent, total }),
      });
      tell("linking");
      links.push({ name: a.name, id: a.id, url: await createLink({ fetcher: doFetch, graphBase, token, name: a.name, id: uploaded.id }) });
    }

    onProgress({ stage: "inserting", count });
    try {
      await insertLinks(item, links);
    } catch (e) {
      throw new ShareError("insert", "Outlook could not put the links into the email", { links });
    }
    onProgress({ stage: "removing", count });
    for (const l of links) {
      try {
        await officeCall(item, "removeAttachmentAsync", l.id);
      } catch (e) {
        throw new ShareError("remove", "the links are in the email, but Outlook could not remove the attachment: remove it yourself", { file: l.name, links });
      }
    }
    return { links: links.map(({ name, url }) => ({ name, url })) };
  }

  const api = { shareAsLink, graphToken, tokenAvailable, ShareError, CHUNK_UNIT, FOLDER };
  root.EtiquetteShareLink = api;
})(typeof window !== "undefined" ? window : globalThis);
