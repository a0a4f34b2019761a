"""Workbook labels in French and English (``--lang``)."""

from __future__ import annotations

CATEGORY_LABELS = {
    "fr": {
        "address_book": "Carnet d'adresses", "relationship_graph": "Graphe des liens professionnels",
        "credentials": "Identifiants et mots de passe en clair", "identity_scan": "Scans de documents personnels",
        "personal_data": "Données personnelles d'usagers", "sensitive_data": "Données personnelles sensibles",
        "tender": "Appels d'offres, réponses, devis", "strategic": "Projets stratégiques",
        "research": "Travaux de recherche, projets de brevet", "people_comment": "Commentaires sur des personnes",
        "private": "Discussions d'ordre privé",
    },
    "en": {
        "address_book": "Address book", "relationship_graph": "Relationship graph",
        "credentials": "Credentials in clear", "identity_scan": "Identity-document scans",
        "personal_data": "Personal data of third persons", "sensitive_data": "Special-category data (GDPR art. 9/10)",
        "tender": "Tenders, bids, quotes", "strategic": "Strategic projects",
        "research": "Research and patents", "people_comment": "Comments on people",
        "private": "Private discussions",
    },
}

T = {
    "fr": {
        "summary": "Synthèse", "findings": "Constats", "messages": "Messages à risque", "attachments": "Pièces jointes",
        "correspondents": "Correspondants", "graph": "Graphe", "dpo": "DPO", "folders_x": "Dossiers x catégories",
        "years_x": "Années x catégories", "errors": "Erreurs", "run": "Exécution",
        "title": "Inventaire des risques de confidentialité de la boîte aux lettres",
        "category": "Catégorie", "id": "Identifiant", "severity": "Gravité", "n_messages": "Messages",
        "n_findings": "Constats", "distinct": "Valeurs distinctes", "oldest": "Plus ancien", "newest": "Plus récent",
        "risk": "Score de risque", "overall": "Risque global",
        "formula": "Score de risque = poids de la gravité (critique 8, très élevée 6, élevée 4, moyenne 2, faible 1) "
                   "x racine carrée du nombre de messages concernés ; risque global = somme des catégories.",
        "date": "Date", "folder": "Dossier", "from": "Expéditeur", "subject": "Objet", "detector": "Détecteur",
        "location": "Emplacement", "excerpt": "Extrait (masqué)", "score": "Confiance", "why": "Pourquoi", "linked": "Lié à (fichier chiffré)",
        "password_in": "Mot de passe trouvé dans",
        "value": "Valeur (masquée)", "message_id": "Message-ID", "categories": "Catégories", "uid": "UID",
        "name": "Nom", "type": "Type", "size": "Taille (octets)", "sha256": "Empreinte SHA-256", "status": "État",
        "reason": "Raison", "exposure": "Messages qui la portent", "folders": "Dossiers", "first": "Premier",
        "last": "Dernier", "address": "Adresse", "names": "Noms vus", "from_them": "Reçus de", "to_them": "Envoyés à",
        "internal": "Interne", "personal_domain": "Messagerie personnelle", "domain": "Domaine",
        "source": "Source", "target": "Cible", "weight": "Messages", "degree": "Degré",
        "betweenness": "Intermédiarité", "community": "Communauté", "key": "Clé", "val": "Valeur",
        "what_holds": "Ce que détiendrait une personne qui obtiendrait cette boîte",
        "dpo_title": "Vue registre (RGPD)", "dpo_personal": "Catégories de données personnelles trouvées",
        "dpo_special": "Catégories particulières (art. 9 et 10)", "dpo_subjects": "Personnes concernées (estimation)",
        "dpo_subject_kinds": "Catégories de personnes concernées", "dpo_where": "Où (dossiers)",
        "dpo_years": "Années", "dpo_oldest": "Donnée la plus ancienne (conservation)", "count": "Nombre",
        "kind": "Nature", "yes": "oui", "no": "non", "chart_cat": "Constats par catégorie",
        "chart_year": "Messages concernés par année", "chart_folder": "Messages concernés par dossier",
        "top_people": "Correspondants les plus centraux", "location_err": "Emplacement", "detail": "Détail",
        "graph_cut": "Les {shown} liens les plus forts sur {total} ; tous sont dans le fichier GraphML (--graph).",
    },
    "en": {
        "summary": "Summary", "findings": "Findings", "messages": "Messages at risk", "attachments": "Attachments",
        "correspondents": "Correspondents", "graph": "Graph", "dpo": "DPO", "folders_x": "Folders x categories",
        "years_x": "Years x categories", "errors": "Errors", "run": "Run",
        "title": "Mailbox confidentiality-risk inventory",
        "category": "Category", "id": "Id", "severity": "Severity", "n_messages": "Messages",
        "n_findings": "Findings", "distinct": "Distinct values", "oldest": "Oldest", "newest": "Newest",
        "risk": "Risk score", "overall": "Overall risk",
        "formula": "Risk score = severity weight (critical 8, very high 6, high 4, medium 2, low 1) x square root "
                   "of the number of messages concerned; overall risk = sum over categories.",
        "date": "Date", "folder": "Folder", "from": "From", "subject": "Subject", "detector": "Detector",
        "location": "Location", "excerpt": "Excerpt (masked)", "score": "Confidence", "why": "Why it fired", "linked": "Linked to (encrypted file)",
        "password_in": "Password found in",
        "value": "Value (masked)", "message_id": "Message-ID", "categories": "Categories", "uid": "UID",
        "name": "Name", "type": "Type", "size": "Size (bytes)", "sha256": "SHA-256", "status": "Status",
        "reason": "Reason", "exposure": "Messages carrying it", "folders": "Folders", "first": "First",
        "last": "Last", "address": "Address", "names": "Names seen", "from_them": "Received from",
        "to_them": "Sent to", "internal": "Internal", "personal_domain": "Personal webmail", "domain": "Domain",
        "source": "Source", "target": "Target", "weight": "Messages", "degree": "Degree",
        "betweenness": "Betweenness", "community": "Community", "key": "Key", "val": "Value",
        "what_holds": "What someone holding this mailbox would have",
        "dpo_title": "Register view (GDPR)", "dpo_personal": "Categories of personal data found",
        "dpo_special": "Special categories (art. 9 and 10)", "dpo_subjects": "Data subjects (estimate)",
        "dpo_subject_kinds": "Categories of data subjects", "dpo_where": "Where (folders)", "dpo_years": "Years",
        "dpo_oldest": "Oldest data (retention)", "count": "Count", "kind": "Kind", "yes": "yes", "no": "no",
        "chart_cat": "Findings by category", "chart_year": "Messages concerned by year",
        "chart_folder": "Messages concerned by folder", "top_people": "Most central correspondents",
        "location_err": "Location", "detail": "Detail",
        "graph_cut": "The {shown:,} heaviest of {total:,} edges; all are in the GraphML file (--graph).",
    },
}

# what the detectors put in a finding's label, as the DPO sheet shows it
FINDING_LABELS = {
    "fr": {
        "NIR": "NIR (n° de sécurité sociale)", "IBAN": "IBAN", "payment card": "carte de paiement",
        "tax number": "numéro fiscal", "INE": "INE (n° d'étudiant)", "passport number": "n° de passeport",
        "ID card number": "n° de carte d'identité", "birth date/place": "date et lieu de naissance",
        "home address": "adresse personnelle", "salary": "salaire", "grades": "notes", "family situation":
        "situation familiale", "personal phone": "téléphone personnel", "list of people": "liste de personnes",
        "passport": "scan de passeport", "national_id_card": "scan de carte d'identité", "visa": "scan de visa",
        "residence_permit": "scan de titre de séjour", "driving_licence": "scan de permis de conduire",
        "health_card": "scan de carte Vitale", "tax_notice": "avis d'impôt", "payslip": "bulletin de paie",
        "bank_details": "relevé d'identité bancaire", "proof_of_address": "justificatif de domicile",
        "identity_document": "scan de pièce d'identité (type non lu)",
        "health: sick leave": "santé : arrêt maladie", "health: diagnosis": "santé : diagnostic",
        "health: treatment": "santé : traitement", "health: disability": "santé : handicap",
        "health: pregnancy": "santé : grossesse", "health: psychological": "santé : suivi psychologique",
        "health: medical certificate": "santé : certificat médical", "health context": "santé (contexte)",
        "trade-union membership": "appartenance syndicale", "religion": "religion",
        "political opinion": "opinion politique", "sexual orientation": "orientation sexuelle",
        "ethnic origin": "origine ethnique", "biometric/genetic": "données biométriques ou génétiques",
        "offences (art. 10)": "infractions et condamnations (art. 10)", "other": "autre",
    },
    "en": {
        "passport": "passport scan", "national_id_card": "identity card scan", "visa": "visa scan",
        "residence_permit": "residence permit scan", "driving_licence": "driving licence scan",
        "health_card": "health insurance card scan", "tax_notice": "tax notice", "payslip": "payslip",
        "bank_details": "bank details (RIB)", "proof_of_address": "proof of address",
        "identity_document": "identity document scan (type not read)",
    },
}

# the Run sheet's keys (kept in English in the state file)
RUN_KEYS = {
    "fr": {
        "tool": "outil", "started": "début", "finished": "fin", "source": "source", "account": "compte",
        "connected to": "connexion à", "read-only": "lecture seule", "consent statement": "déclaration de consentement",
        "consent given": "consentement donné", "folders scanned": "dossiers analysés",
        "messages scanned this run": "messages analysés lors de cette exécution",
        "messages already in the state": "messages déjà connus (état)",
        "messages with errors this run": "messages en erreur lors de cette exécution",
        "UIDVALIDITY changes (folder rescanned)": "changements d'UIDVALIDITY (dossier réanalysé)",
        "messages gone from the server": "messages disparus du serveur",
        "messages expunged during the scan": "messages supprimés pendant l'analyse", "reconnections": "reconnexions",
        "OCR": "OCR", "interpreter": "interpréteur", "detectors": "détecteurs", "options": "options", "state file": "fichier d'état",
        "secrets in clear": "secrets en clair", "blocked network attempts": "connexions réseau bloquées",
        "seconds": "secondes",
    },
    "en": {},
}

SUBJECT_KINDS = {
    "fr": {"student": "étudiants", "patient": "patients", "applicant": "candidats", "staff": "personnels"},
    "en": {"student": "students", "patient": "patients", "applicant": "applicants", "staff": "staff"},
}
