/** The admins' task list and task forms: claim ("Je prends", "Je passe", "Rejeter", "Demander une précision"), manual execution, confirm. */
package fr.beta.guichet.tasks;
