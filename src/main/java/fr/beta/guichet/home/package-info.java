/** The catalogue of request types and the login page. */
package fr.beta.guichet.home;
