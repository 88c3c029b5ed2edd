/*
 * Guichet Ops: the Camunda webapps in French (issue 21). Overrides the webjar's own config.js (this file comes
 * first on the classpath). The French labels (locales/fr.json) are the Camunda community translations
 * (camunda/camunda-webapp-translations, Apache License 2.0), completed with the keys added since (see
 * docs/camunda-webapps-fr.md). Dates follow the browser's time zone (Europe/Paris for the incubator's people).
 */
export default {
  locales: {
    availableLocales: ['fr'],
    fallbackLocale: 'fr'
  },
  shortcuts: {
    claimTask: {key: "ctrl+alt+c", description: "prend la tâche sélectionnée"},
    focusFilter: {key: "ctrl+shift+f", description: "place le curseur sur le premier filtre"},
    focusList: {key: "ctrl+alt+l", description: "place le curseur sur la première tâche de la liste"},
    focusForm: {key: "ctrl+alt+f", description: "place le curseur sur le premier champ du formulaire de la tâche"},
    startProcess: {key: "ctrl+alt+p", description: "ouvre la fenêtre de démarrage d'un processus"}
  },
  disableWelcomeMessage: true
};
