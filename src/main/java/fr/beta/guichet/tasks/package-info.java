/** The admins' task list and task forms: claim ("Je prends", "Je passe", "Rejeter"), manual execution, confirm. */
package fr.beta.guichet.tasks;
