/**
 * The fields an export column can be mapped to (the names `--map field=Header`
 * accepts), with the header names real exports use for each. Headers are
 * compared folded: lower case, no accents, no spaces, `_` or `-`.
 * Localised names: LinkedIn's German export (`Vorname`, `Nachname`,
 * `E-Mail-Adresse`, `Unternehmen`, `Verbunden am`) is seen in real files; the
 * other German, French, Spanish, Dutch and Italian labels are the ones tools
 * show in those UI languages and Excel users type, so files re-saved in a
 * localised spreadsheet still map.
 */
export const FIELD_ALIASES = {
  handle: ['handle', 'username', 'user name', 'screen_name', 'screenname', 'user', 'author handle', 'twitter screen name', 'account', 'account address', 'instagram handle', 'twitter handle', 'tiktok handle', 'nickname', 'benutzername', 'login', "nom d'utilisateur", 'nombre de usuario', 'gebruikersnaam', 'nome utente', 'nome de usuário'],
  id: ['id', 'id_str', 'user_id', 'userid', 'user id', 'account id', 'accountid', 'twitter id', 'platform id'],
  name: ['name', 'full name', 'full_name', 'display name', 'displayname', 'author name', 'author', 'profile name', 'anzeigename', 'vollständiger name', 'nom complet', 'nombre completo', 'volledige naam', 'nome completo'],
  firstName: ['first name', 'firstname', 'first_name', 'fname', 'vorname', 'prénom', 'prenom', 'given name', 'voornaam'],
  lastName: ['last name', 'lastname', 'last_name', 'lname', 'nachname', 'surname', 'family name', 'nom', 'achternaam', 'apellido', 'apellidos', 'cognome', 'sobrenome'],
  bio: ['bio', 'biography', 'description', 'about', 'summary', 'twitter bio', 'profile bio', 'user description', 'user bio', 'author bio', 'beschreibung', 'biografie', 'über mich', 'profilbeschreibung', 'biographie', 'biografía', 'descripción', 'descrizione', 'beschrijving'],
  headline: ['headline', 'position', 'title', 'job title', 'jobtitle', 'occupation', 'role', 'positionen', 'berufsbezeichnung', 'jobtitel', 'poste', 'intitulé du poste', 'cargo', 'functie'],
  company: ['company', 'organization', 'organisation', 'employer', 'unternehmen', 'firma', 'entreprise', 'société', 'empresa', 'bedrijf', 'azienda'],
  location: ['location', 'city', 'country', 'place', 'region', 'ort', 'standort', 'user location', 'author location', 'wohnort', 'stadt', 'lieu', 'localisation', 'ubicación', 'ciudad', 'plaats', 'città'],
  website: ['website', 'url website', 'homepage', 'web', 'link in bio', 'external url'],
  profileUrl: ['profile url', 'profileurl', 'profile_url', 'url', 'profile link', 'href', 'link', 'user profile url', 'channel url', 'profile'],
  email: ['email', 'email address', 'e-mail', 'e-mail-adresse', 'emailaddress', 'mail', 'email_address', 'adresse e-mail', 'correo electrónico', 'e-mailadres'],
  followedAt: ['followed at', 'followed_at', 'followed on', 'follow date', 'connected on', 'verbunden am', 'date followed', 'followed', 'subscribed at', 'date subscribed', 'subscription date', 'optin_time', 'joined group on', 'gefolgt am', 'gefolgt seit', 'abonniert am', 'abonniert seit', "date d'abonnement", 'suivi depuis'],
  followers: ['followers', 'followers_count', 'follower count', 'followers count', 'follower', 'twitter followers', 'fans', 'audience', 'subscribers count', 'follower_count', 'abonnenten', 'follower:innen', 'abonnés', 'seguidores', 'volgers'],
  following: ['following', 'friends_count', 'following count', 'following_count', 'friends', 'twitter following', 'follows', 'follow', 'gefolgt', 'folgt', 'abonnements', 'siguiendo', 'volgend'],
  posts: ['posts', 'statuses_count', 'tweets', 'tweet count', 'tweetcount', 'posts_count', 'post count', 'media count', 'statuses', 'twitter tweets', 'beiträge', 'publications', 'publicaciones', 'berichten'],
  likesGiven: ['favourites_count', 'favorites_count', 'favourites', 'favorites', 'likes given'],
  listed: ['listed_count', 'listed', 'lists'],
  accountCreatedAt: ['account created', 'account created at', 'account_created_at', 'joined', 'join date', 'member since', 'created at', 'created_at', 'account age', 'beigetreten', 'mitglied seit', 'membre depuis', 'miembro desde'],
  verified: ['verified', 'is verified', 'is_verified', 'twitter verified', 'blue check', 'verifiziert', 'vérifié', 'verificado'],
  defaultAvatar: ['default_profile_image', 'default avatar', 'default_avatar', 'no avatar', 'has default avatar'],
  defaultProfile: ['default_profile', 'default profile'],
  // Mastodon's Account `bot`: the owner marks the account as automated.
  bot: ['is_bot', 'is bot'],
  // Bluesky's `labels` (moderation labels' values, see flattenEntry): mapped only where a format says so, no aliases.
  moderationLabels: [],
  likes: ['likes', 'like count', 'likes count', 'reactions', 'hearts'],
  replies: ['replies', 'reply count', 'replies count', 'antworten', 'réponses', 'respuestas'],
  comments: ['comments', 'comment count', 'comments count', 'kommentare', 'commentaires', 'comentarios'],
  shares: ['shares', 'share count', 'reposts', 'retweets', 'retweet count', 'quotes', 'shares count', 'geteilt', 'partages', 'compartidos'],
  // Not 'tags': in CRM and newsletter exports (Mailchimp, Klaviyo) Tags are labels, not a count.
  mentions: ['mentions', 'mention count', 'mentions count', 'times tagged'],
  dms: ['dms', 'messages', 'direct messages', 'messagecount', 'message count'],
  interactions: ['interactions', 'engagements', 'engagement', 'interaction count', 'total engagement', 'total interactions'],
  rating: ['member_rating', 'rating', 'engagement rating', 'member rating', 'star rating'],
  lastInteractionAt: ['last interaction', 'last interaction at', 'last_interaction_at', 'last engaged', 'last engagement', 'last active', 'last activity', 'last_changed', 'last seen', 'last visited group on', 'last interaction date'],
} as const;

export type FieldName = keyof typeof FIELD_ALIASES;
export const FIELD_NAMES = Object.keys(FIELD_ALIASES) as FieldName[];

export function isFieldName(s: string): s is FieldName {
  return Object.hasOwn(FIELD_ALIASES, s);
}

/** How a header is compared: lower case, accents folded, separators removed. */
export function foldHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const ALIAS_INDEX: Map<string, FieldName> = (() => {
  const index = new Map<string, FieldName>();
  for (const field of FIELD_NAMES) {
    for (const alias of [field, ...FIELD_ALIASES[field]]) {
      const folded = foldHeader(alias);
      if (!index.has(folded)) index.set(folded, field);
    }
  }
  return index;
})();

export function fieldForHeader(header: string): FieldName | undefined {
  return ALIAS_INDEX.get(foldHeader(header));
}

/** Column index per field. */
export type ColumnMap = Partial<Record<FieldName, number>>;

/** Maps headers to fields: explicit mappings first, then aliases; the first column wins a field. */
export function mapColumns(headers: string[], explicit: Partial<Record<FieldName, string>> = {}): {
  map: ColumnMap;
  unknownMapped: [FieldName, string][];
} {
  const map: ColumnMap = {};
  const unknownMapped: [FieldName, string][] = [];
  const folded = headers.map(foldHeader);
  const taken = new Set<number>();
  for (const [field, header] of Object.entries(explicit) as [FieldName, string][]) {
    const target = foldHeader(header);
    let idx = headers.indexOf(header);
    if (idx < 0) idx = folded.indexOf(target);
    if (idx < 0) unknownMapped.push([field, header]);
    else {
      map[field] = idx;
      taken.add(idx);
    }
  }
  folded.forEach((h, i) => {
    if (taken.has(i)) return;
    const field = ALIAS_INDEX.get(h);
    if (field && map[field] === undefined && explicit[field] === undefined) map[field] = i;
  });
  return { map, unknownMapped };
}
