/** "Mes demandes": the requester's own requests, their status and timeline, and cancellation while unclaimed. */
package fr.beta.guichet.myrequests;
