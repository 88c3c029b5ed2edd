/** « Bac à sable »: what the sandbox providers received, so that people can see the effect of a request. */
package fr.beta.guichet.sandbox;
