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
  disableWelcomeMessage: true
};
